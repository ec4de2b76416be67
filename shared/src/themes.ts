import { z } from 'zod';
import taxonomy from './taxonomy.json';

/**
 * The default theme taxonomy: its ids and types here, its words in `taxonomy.json`. Terms are lowercase words or short phrases; the
 * worker stems them with the same stemmer it uses on posts. `cues` only count when a
 * target group is mentioned in the same post (`needsTarget`), which keeps neutral
 * mentions of a group and group-less insults out of the hate theme.
 */
export const THEME_IDS = [
  'hate',
  'far_right',
  'islamist',
  'antisemitism',
  'conspiracy',
  'disinfo',
  'polarisation',
  'threats',
  'local',
] as const;
export type ThemeId = (typeof THEME_IDS)[number];

/** The pseudo-theme every analysed post counts in (total volume). */
export const ALL = 'all' as const;

export type Label = { nl: string; fr: string; en: string };
export type Terms = { nl: string[]; fr: string[]; en: string[]; any: string[] };

export type ThemeDef = {
  id: ThemeId;
  label: Label;
  /** Counts towards `hateScore` / `hateful`. */
  hateful: boolean;
  /** Only scored when a target group is mentioned too. */
  needsTarget: boolean;
  terms: Terms;
  /**
   * Claims about a group that carry this theme only when the post names that group
   * ("… controleren de media" is an antisemitic trope when Jews are named, nothing otherwise).
   */
  tropes?: Partial<Record<TargetId, Terms>>;
};

export const TARGET_IDS = ['migrants', 'muslims', 'jews', 'black', 'lgbtq', 'women', 'disabled', 'roma'] as const;
export type TargetId = (typeof TARGET_IDS)[number];

const terms = z.object({
  nl: z.array(z.string()),
  fr: z.array(z.string()),
  en: z.array(z.string()),
  any: z.array(z.string()),
});
const TaxonomySchema = z.object({
  source: z.string(),
  targets: z.record(z.enum(TARGET_IDS), terms),
  themes: z.array(
    z.object({
      id: z.enum(THEME_IDS),
      label: z.object({ nl: z.string(), fr: z.string(), en: z.string() }),
      hateful: z.boolean(),
      needsTarget: z.boolean(),
      terms,
      tropes: z.record(z.enum(TARGET_IDS), terms).optional(),
    }),
  ),
});

/** The taxonomy (taxonomy.json), checked once: a bad edit fails at start, naming the field. */
const TAXONOMY = TaxonomySchema.parse(taxonomy);

export const TARGETS = TAXONOMY.targets as Record<TargetId, Terms>;

const label = (nl: string, fr: string, en: string): Label => ({ nl, fr, en });

export const THEMES: readonly ThemeDef[] = TAXONOMY.themes as ThemeDef[];

export function themeLabel(id: string): Label {
  if (id === ALL) return label('Alle berichten', 'Tous les messages', 'All posts');
  const def = THEMES.find((t) => t.id === id);
  return def ? def.label : label(id, id, id);
}
