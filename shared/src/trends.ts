import { z } from 'zod';
import { LANGS, STANCES } from './enums';
import { ALERT_KINDS, SEVERITIES } from './series';

/** A count shown only when at least k distinct authors contributed; otherwise `null`. */
const guarded = z.number().int().nonnegative().nullable();
const TermCount = z.object({ term: z.string(), count: z.number() });

/**
 * An alert with its receipt: everything in it comes from aggregates (counts, sketches,
 * k-anonymous terms), never from a post.
 */
export const AlertSchema = z.object({
  id: z.string(),
  kind: z.enum(ALERT_KINDS),
  /** Theme id, target group id, narrative id or the term itself. */
  key: z.string(),
  /** The theme a narrative or term alert belongs to (`all` for terms over every post). */
  theme: z.string(),
  status: z.enum(['open', 'closed']),
  severity: z.enum(SEVERITIES),
  windowStart: z.number(),
  windowEnd: z.number(),
  /** Event time at which the episode opened (or last escalated, in `updatedAt`). */
  detectedAt: z.number(),
  updatedAt: z.number(),
  closedAt: z.number().optional(),
  observed: z.number().int(),
  expected: z.number(),
  ratio: z.number(),
  /** −log10 of the chance to see `observed` or more under the baseline's count model. */
  score: z.number(),
  baseline: z.object({
    method: z.string(),
    /** How many past weeks (same hour of the week) and days (same hour) it used. */
    weeks: z.number().int(),
    days: z.number().int(),
    dispersion: z.number(),
  }),
  terms: z.array(TermCount),
  distinctAuthors: z.number().int(),
  postsPerAuthor: z.number(),
  /** Few authors making many posts: possible amplification or coordination. */
  amplification: z.boolean(),
  lang: z.record(z.enum(LANGS), guarded).optional(),
  sources: z.record(z.string(), guarded).optional(),
  versions: z.object({ analysis: z.string(), detector: z.string() }),
});
export type Alert = z.infer<typeof AlertSchema>;

/** What happens to an alert: it opens, escalates (a higher severity) or closes. */
export const ALERT_EVENTS = ['open', 'escalate', 'close'] as const;
export type AlertChange = (typeof ALERT_EVENTS)[number];

/** What an alert returned by the detector is: opened, escalated or closed just now. */
export function alertEvent(a: Alert): AlertChange {
  if (a.status === 'closed') return 'close';
  return a.detectedAt === a.updatedAt ? 'open' : 'escalate';
}

/** One line of `trendwacht replay`: an alert as it fires or escalates. */
export type ReplayAlertLine = Pick<
  Alert,
  | 'id'
  | 'kind'
  | 'key'
  | 'severity'
  | 'windowStart'
  | 'detectedAt'
  | 'observed'
  | 'expected'
  | 'score'
  | 'distinctAuthors'
> & { terms: string[]; event: 'open' | 'escalate' };

export const NarrativeSummarySchema = z.object({
  id: z.string(),
  theme: z.string(),
  /** Its most distinctive terms and phrases, each used by at least k distinct authors. */
  label: z.array(z.string()),
  firstSeen: z.number(),
  lastSeen: z.number(),
  posts: z.number().int(),
  authors: z.number().int(),
  /** Posts in the last 24 h divided by the 24 h before (null without a day before). */
  growth: z.number().nullable(),
  parent: z.string().optional(),
  mergedInto: z.string().optional(),
  merged: z.array(z.string()),
});
export type NarrativeSummary = z.infer<typeof NarrativeSummarySchema>;

export const PerspectiveSchema = z.object({
  stance: z.enum(STANCES),
  posts: guarded,
  share: z.number().nullable(),
  terms: z.array(TermCount),
  /** Posts of this stance per hour bucket (k-guarded on the narrative's authors). */
  series: z.array(z.object({ t: z.number(), posts: guarded })),
});
export type Perspective = z.infer<typeof PerspectiveSchema>;
