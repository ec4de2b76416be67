/** Languages the analysis understands; everything else is counted as `other`. */
export const LANGS = ['nl', 'fr', 'en', 'other'] as const;
export type Lang = (typeof LANGS)[number];

/** Coarse tone buckets kept per cell (sentiment below -0.1 / between / above 0.1). */
export const TONES = ['neg', 'neu', 'pos'] as const;
export type Tone = (typeof TONES)[number];

/** Why an item was refused at the edge (ingest). Values only, never the item itself. */
export const REJECT_REASONS = [
  'invalid_json',
  'invalid_shape',
  'text_empty',
  'text_too_long',
  'bad_date',
  'bad_encoding',
  'duplicate',
  // Platform payloads (connectors' mappers):
  /** An event that is no post (a like, an identity change, a service message). */
  'not_a_post',
  /** A deletion (tombstone): counted, nothing to analyse. */
  'deleted',
  /** Not public (direct messages, followers-only). */
  'not_public',
  /** The payload does not have the platform's format (or a field it needs). */
  'unmappable',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

/** Why the analysis pipeline dropped a post (worker). */
export const DROP_REASONS = ['too_short', 'no_content', 'analysis_error'] as const;
export type DropReason = (typeof DROP_REASONS)[number];

/** Time-bucket granularities kept in Redis. */
export const GRANULARITIES = ['minute', 'hour', 'day'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/** Server-Sent Event names on `/api/stream`. */
export const SSE_EVENTS = { hello: 'hello', batch: 'batch', alert: 'alert' } as const;
export type SseEventName = (typeof SSE_EVENTS)[keyof typeof SSE_EVENTS];

/** Time ranges the dashboard offers (ending now); `custom` takes a from and a to. */
export const RANGES = ['hour', 'day', 'week', 'month'] as const;
export type Range = (typeof RANGES)[number];
export const SPAN_KINDS = [...RANGES, 'custom'] as const;
export type SpanKind = (typeof SPAN_KINDS)[number];

/**
 * The stance of a post towards a theme it touches: attacking (the post itself derogates,
 * threatens or spreads the claim), defending (counter-speech, support of a targeted
 * group, denial of the claim), informing (reporting, news-like) or other.
 */
export const STANCES = ['attacking', 'defending', 'informing', 'other'] as const;
export type Stance = (typeof STANCES)[number];

/**
 * A post's perspective inside a narrative (read by worker/src/narratives/perspective.ts):
 * pushing its claim, countering it, informing (reporting, quoting) or asking about it.
 */
export const PERSPECTIVES = ['pushing', 'countering', 'informing', 'asking'] as const;
export type PerspectiveId = (typeof PERSPECTIVES)[number];
