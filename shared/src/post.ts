import { z } from 'zod';

/** Longest post text accepted (characters). Longer items are rejected, not truncated. */
export const MAX_TEXT_CHARS = 10_000;

const dateLike = z.union([z.string().min(1), z.number().finite()]);

/** The bounds of a post input's fields: the schema's, and ingest's check of plainly valid items (plain-input.ts). */
export const POST_INPUT_LIMITS = {
  idChars: 256,
  source: /^[a-z0-9][a-z0-9_.-]{0,39}$/,
  langChars: 16,
  authorKeyChars: 256,
  urlChars: 2048,
  tags: 50,
  tagChars: 100,
} as const;
const L = POST_INPUT_LIMITS;

/**
 * One post as it arrives on a JSON Lines edge (file, stdin, replay).
 * `authorKey` is the platform's author id: it is only ever hashed, never stored.
 */
export const PostInputSchema = z
  .object({
    id: z.union([z.string().min(1).max(L.idChars), z.number().int().nonnegative()]),
    source: z.string().regex(L.source, 'lowercase letters, digits, "_", "." or "-" (max 40)').optional(),
    text: z.string(),
    lang: z.string().max(L.langChars).optional(),
    createdAt: dateLike,
    authorKey: z.union([z.string().min(1).max(L.authorKeyChars), z.number()]).optional(),
    url: z.string().max(L.urlChars).optional(),
    tags: z.array(z.string().max(L.tagChars)).max(L.tags).optional(),
  })
  .passthrough();
export type PostInput = z.infer<typeof PostInputSchema>;

/** A normalised post: what ingest seals into a batch and the worker analyses in memory. */
export const PostSchema = z.object({
  /** `source:id`, globally unique. */
  id: z.string().min(1),
  source: z.string().min(1),
  text: z.string(),
  lang: z.string().optional(),
  /** Event time, epoch milliseconds (UTC). Decides the time bucket. */
  createdAt: z.number().int(),
  authorKey: z.string().optional(),
  url: z.string().optional(),
  tags: z.array(z.string()).default([]),
});
export type Post = z.infer<typeof PostSchema>;
