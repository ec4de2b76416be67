import { z } from 'zod';
import { GazetteerSchema } from './gazetteer';
import { DEFAULT_K, MIN_K } from './k-anon';
import { NotifyTargetSchema } from './notify';
import { DEFAULT_PARTNERS, ExpertPartnersSchema } from './settings-partners';
import { THEME_IDS, type ThemeId } from './themes';

/** How readily the trend detector opens an alert (maps to its score threshold). */
export const SENSITIVITIES = ['low', 'normal', 'high'] as const;
export type Sensitivity = (typeof SENSITIVITIES)[number];

/** −log10 tail probability an episode needs to open, per sensitivity. */
export const SENSITIVITY_THRESHOLD: Record<Sensitivity, number> = { low: 8, normal: 6, high: 4.5 };

/** A watch term: a word or short phrase, letters/digits/spaces/hyphens, lowercased. */
export const WatchTermSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, 'a watch term has at least 2 characters')
  .max(60, 'a watch term has at most 60 characters')
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} '’-]*$/u, 'a watch term is letters, digits, spaces, apostrophes or hyphens');

/** A source or stream name as posts carry it (`post.source`), e.g. `rss-stadskrant`. */
const SourceNameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_.:-]{0,62}$/, 'a source name is lowercase letters, digits, _ . : or -');

/** Themes a tenant may add its own terms to (the `local` theme has its watch terms). */
export const EXTENSIBLE_THEMES: readonly ThemeId[] = THEME_IDS.filter((id) => id !== 'local');

/** A tenant's settings, changed by its admins on the settings page. */
export const TenantSettingsSchema = z.object({
  /** Smallest number of distinct authors a figure needs to be shown (never below MIN_K). */
  k: z.number().int().min(MIN_K).max(100).default(DEFAULT_K),
  sensitivity: z.enum(SENSITIVITIES).default('normal'),
  // --- Time zone (trends): receipts, alerts and the dashboard show times in this one zone. ---
  /** An IANA time zone, e.g. Europe/Brussels (the default) or Europe/Paris. */
  timeZone: z
    .string()
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'an IANA time zone such as Europe/Brussels')
    .default('Europe/Brussels'),
  // --- end of time zone ---
  /** Extra terms of the `local` theme (place names, local events, services). */
  watchTerms: z.array(WatchTermSchema).max(300).default([]),
  /**
   * The tenant's own terms per theme, in any language: a local rumour for `disinfo`, a
   * local group's name for `far_right`. Matched like the taxonomy's terms.
   */
  themeTerms: z
    .record(z.enum(THEME_IDS), z.array(WatchTermSchema).max(100))
    .refine((r) => r.local === undefined, 'the local theme takes watch terms (watchTerms)')
    .default({}),
  /**
   * Public officials the municipality names (mayor, aldermen): person names are never
   * terms, except these, which may be what posts target (threats against an alderman).
   */
  officials: z.array(WatchTermSchema).max(100).default([]),
  // --- Local relevance (worker/src/relevance/): what makes a post this municipality's. ---
  /** Names of the town; empty: every post the tenant's sources bring counts (no filter). */
  gazetteer: GazetteerSchema.default({}),
  /** Sources (by name, e.g. a local news feed) whose posts count as local without a name in them. */
  localSources: z.array(SourceNameSchema).max(50).default([]),
  /** Shared streams (queues read once for many tenants) whose relevant posts this tenant counts. */
  streams: z.array(SourceNameSchema).max(20).default([]),
  // --- end of local relevance ---
  /** Organisations the municipality calls about a theme (shown on the narrative page). */
  partners: ExpertPartnersSchema.default(DEFAULT_PARTNERS),
  /** Where alerts are sent (webhooks; URLs by environment variable name). */
  notify: z
    .array(NotifyTargetSchema)
    .max(20)
    .default([])
    .refine((ts) => new Set(ts.map((t) => t.id)).size === ts.length, 'two notification targets share an id'),
});
export type TenantSettings = z.infer<typeof TenantSettingsSchema>;
export const DEFAULT_SETTINGS: TenantSettings = TenantSettingsSchema.parse({});
