import { readFileSync } from 'node:fs';
import { PERSPECTIVES, THEME_IDS } from '@trendwacht/shared';
import { z } from 'zod';

/**
 * The schema of the response-angle library (`guidance/angles.json`): sources, kinds of
 * angle (each citing sources), trope names, angles keyed by theme × dominant perspective ×
 * trope (and share or growth thresholds), and the sentence parts that say why an angle was
 * chosen. Read once and validated: a bad file fails with the path of the first problem.
 */
const Text = z.object({ nl: z.string().min(1), fr: z.string().min(1), en: z.string().min(1) });
const Perspective = z.enum(PERSPECTIVES);

export const AngleSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    kind: z.string(),
    /** Themes it applies to (none: any). */
    themes: z.array(z.enum(THEME_IDS)).optional(),
    /** The narrative's dominant perspective (the biggest share) is one of these. */
    perspectives: z.array(Perspective).min(1).optional(),
    /** One of these tropes (the analysis' trope ids) is shown in the narrative. */
    tropes: z
      .array(z.string().regex(/^[a-z0-9_]+$/))
      .min(1)
      .optional(),
    /** Each of these perspectives has at least this share of the narrative's posts. */
    atLeast: z.record(Perspective, z.number().min(0).max(1)).optional(),
    /** The narrative's 24-hour growth is at least this. */
    growthAtLeast: z.number().positive().optional(),
    text: Text,
  })
  .strict();
export type Angle = z.infer<typeof AngleSchema>;

export const GuidanceLibrarySchema = z
  .object({
    about: z.string(),
    sources: z.record(z.string(), z.object({ title: z.string(), url: z.string().url() })),
    kinds: z.record(z.string(), z.object({ label: Text, sources: z.array(z.string()).min(1) })),
    tropes: z.record(z.string(), Text),
    angles: z.array(AngleSchema).min(1),
    reasons: z.object({
      theme: Text,
      dominant: Text,
      atLeast: Text,
      trope: Text,
      growth: Text,
      general: Text,
    }),
    perspectives: z.object({ pushing: Text, countering: Text, informing: Text, asking: Text }),
  })
  .superRefine((lib, ctx) => {
    const issue = (message: string) => ctx.addIssue({ code: 'custom', message });
    for (const [id, k] of Object.entries(lib.kinds)) {
      for (const s of k.sources) if (!lib.sources[s]) issue(`kind ${id}: unknown source ${s}`);
    }
    const ids = new Set<string>();
    for (const a of lib.angles) {
      if (ids.has(a.id)) issue(`angle ${a.id} twice`);
      ids.add(a.id);
      if (!lib.kinds[a.kind]) issue(`angle ${a.id}: unknown kind ${a.kind}`);
      for (const t of a.tropes ?? []) if (!lib.tropes[t]) issue(`angle ${a.id}: trope ${t} has no name`);
    }
  });
export type GuidanceLibrary = z.infer<typeof GuidanceLibrarySchema>;

export function parseLibrary(text: string, file = 'angles.json'): GuidanceLibrary {
  const r = GuidanceLibrarySchema.safeParse(JSON.parse(text));
  if (r.success) return r.data;
  const first = r.error.issues[0];
  throw new Error(`${file}: ${first?.path.join('.') || '(root)'}: ${first?.message}`);
}

let library: GuidanceLibrary | undefined;
export function guidanceLibrary(): GuidanceLibrary {
  library ??= parseLibrary(readFileSync(new URL('./guidance/angles.json', import.meta.url), 'utf8'));
  return library;
}
