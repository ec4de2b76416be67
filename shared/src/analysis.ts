import { z } from 'zod';
import { LANGS, STANCES } from './enums';
import { TARGET_IDS } from './themes';

export const ThemeHitSchema = z.object({
  id: z.string(),
  score: z.number().min(0).max(1),
  /** The group a hateful hit targets, when one is named. */
  target: z.enum(TARGET_IDS).optional(),
  /** How the post stands towards the theme: attacking, defending, informing, other. */
  stance: z.enum(STANCES),
  /** Which rules and terms fired (rule ids and taxonomy terms, never post text). */
  because: z.array(z.string()).optional(),
});
export type ThemeHit = z.infer<typeof ThemeHitSchema>;

/** The per-post result of the analysis pipeline. Lives in memory only. */
export const AnalysisSchema = z.object({
  id: z.string(),
  lang: z.enum(LANGS),
  themes: z.array(ThemeHitSchema),
  hateful: z.boolean(),
  hateScore: z.number().min(0).max(1),
  toxicity: z.number().min(0).max(1),
  sentiment: z.number().min(-1).max(1),
});
export type Analysis = z.infer<typeof AnalysisSchema>;

/** Input line of `trendwacht analyze`. */
export const AnalyzeInputSchema = z.object({
  id: z.union([z.string().min(1), z.number()]),
  text: z.string(),
  lang: z.string().optional(),
  createdAt: z.union([z.string(), z.number()]).optional(),
});
