import { z } from 'zod';
import { LANGS, PERSPECTIVES } from './enums';
import { ALERT_KINDS, SEVERITIES } from './series';

/** A count shown only when at least k distinct authors contributed; otherwise `null`. */
const guarded = z.number().int().nonnegative().nullable();
const TermCount = z.object({ term: z.string(), count: z.number() });

/** What a person did with an alert (triage). */
export const TRIAGE_STATES = ['acknowledged', 'snoozed', 'closed', 'false_alarm'] as const;
export type TriageState = (typeof TRIAGE_STATES)[number];
export const TriageSchema = z.object({
  state: z.enum(TRIAGE_STATES),
  at: z.number(),
  by: z.string(),
  /** Why it was a false alarm or closed (free text of staff, never post text). */
  reason: z.string().max(500).optional(),
  /** Snoozed: no notifications until then. */
  until: z.number().optional(),
});
export type Triage = z.infer<typeof TriageSchema>;

/** Where a tenant's triage decisions and false alarms are kept, next to its alerts. */
export const triageKey = (alertsKey: string) => `${alertsKey}:triage`;
export const falseAlarmKey = (alertsKey: string) => `${alertsKey}:false-alarms`;

/** A series that moved with a story: what it is, and its burst at its peak. */
const StoryMember = z.object({ kind: z.enum(ALERT_KINDS), key: z.string(), theme: z.string() });

/**
 * One story = one alert: the bursting terms, phrases, themes, target groups and narratives
 * that moved together in the same posts and minutes. Every word in it was used by ≥ k
 * distinct authors.
 */
export const StorySchema = z.object({
  /** Its most distinctive phrase (≥ k authors), or its strongest word. */
  title: z.string().nullable(),
  terms: z.array(z.string()),
  themes: z.array(z.string()),
  targets: z.array(z.string()),
  narratives: z.array(z.string()),
  /** Languages with ≥ k authors in it. */
  langs: z.array(z.enum(LANGS)),
  members: z.array(StoryMember),
  /** An earlier story this one is a new development of. */
  linkedTo: z.string().nullable(),
  /** Times a quiet story burst again (the same alert, not a new one). */
  reopened: z.number().int(),
});
export type Story = z.infer<typeof StorySchema>;

/** A point of the receipt's chart: posts of 10 minutes against the baseline's band. */
export const ChartPointSchema = z.object({
  t: z.number(),
  /** null below k distinct authors. */
  observed: guarded,
  expected: z.number(),
  low: z.number(),
  high: z.number(),
});
export type ChartPoint = z.infer<typeof ChartPointSchema>;

/** How the baseline was made: daily rhythm, share of all posts, or the last hours (cold start). */
export const BASELINE_METHODS = ['rhythm', 'share', 'recent'] as const;

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
  story: StorySchema.optional(),
  chart: z.array(ChartPointSchema).optional(),
  /** The tenant's time zone: every time in the receipt is in it. */
  timeZone: z.string().optional(),
  triage: TriageSchema.optional(),
});
export type Alert = z.infer<typeof AlertSchema>;

/** What happens to an alert: it opens, escalates (a higher severity) or closes. */
export const ALERT_EVENTS = ['open', 'escalate', 'close'] as const;
export type AlertChange = (typeof ALERT_EVENTS)[number];

/** The state a person sees: closed (by the detector or a person), acknowledged or open. */
export function alertState(a: Alert): 'open' | 'acknowledged' | 'closed' {
  if (a.status === 'closed' || a.triage?.state === 'closed' || a.triage?.state === 'false_alarm') return 'closed';
  if (a.triage?.state === 'acknowledged' || a.triage?.state === 'snoozed') return 'acknowledged';
  return 'open';
}

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
  /**
   * What the page calls it: an analyst's name, else its most distinctive phrase of 3–4
   * words used by ≥ k authors, else its key terms; `titleFrom` says which. Never an id.
   */
  title: z.string(),
  titleFrom: z.enum(['analyst', 'phrase', 'terms', 'theme']),
  /** A phrase title's counterpart in another language of the story (≥ k authors too). */
  titleAlt: z.string().optional(),
  /** Its key terms (distinctive words and pairs, each used by at least k distinct authors). */
  label: z.array(z.string()),
  firstSeen: z.number(),
  lastSeen: z.number(),
  /** Posts and authors over `window` (the buckets its perspectives are read over too); null under k. */
  posts: guarded,
  authors: guarded,
  window: z.object({ from: z.number(), to: z.number() }),
  /** Posts in the last 24 h divided by the 24 h before (null without a day before). */
  growth: z.number().nullable(),
  parent: z.string().optional(),
  mergedInto: z.string().optional(),
  merged: z.array(z.string()),
  /** Languages of its posts with k authors of their own (one story told in several). */
  langs: z.array(z.string()),
  pinned: z.boolean(),
  dismissed: z.boolean(),
});
export type NarrativeSummary = z.infer<typeof NarrativeSummarySchema>;

export const PerspectiveSchema = z.object({
  perspective: z.enum(PERSPECTIVES),
  /** Posts of this perspective in the narrative's window; shown parts add up to `posts` of the narrative. */
  posts: guarded,
  share: z.number().nullable(),
  /** Its own distinctive words and phrases (≥ k authors each). */
  terms: z.array(TermCount),
  /** Posts of this perspective per hour bucket (k-guarded on the narrative's authors). */
  series: z.array(z.object({ t: z.number(), posts: guarded })),
});
export type Perspective = z.infer<typeof PerspectiveSchema>;
