import { z } from 'zod';

/** Longest post text accepted (characters). Longer items are rejected, not truncated. */
export const MAX_TEXT_CHARS = 10_000;

const dateLike = z.union([z.string().min(1), z.number().finite()]);

/**
 * One post as it arrives on a JSON Lines edge (file, stdin, replay).
 * `authorKey` is the platform's author id: it is only ever hashed, never stored.
 */
export const PostInputSchema = z
  .object({
    id: z.union([z.string().min(1).max(256), z.number().int().nonnegative()]),
    source: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_.-]{0,39}$/, 'lowercase letters, digits, "_", "." or "-" (max 40)')
      .optional(),
    text: z.string(),
    lang: z.string().max(16).optional(),
    createdAt: dateLike,
    authorKey: z.union([z.string().min(1).max(256), z.number()]).optional(),
    url: z.string().max(2048).optional(),
    tags: z.array(z.string().max(100)).max(50).optional(),
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
