import {
  ALL,
  type Analysis,
  type DropReason,
  type PerspectiveId,
  type TenantKeys,
  type ThemeHit,
  type Tone,
  bucketStart,
  narrativeSeries,
  stanceSeries,
  targetSeries,
} from '@trendwacht/shared';
import { type Cell, type Slot, TONES, type TermCell, authorNo, minuteSlot, part, partSketch } from './fold-slots';
import { DEFAULT_RETENTION, type Retention, expireAt } from './retention';
import type { Vocabulary } from './vocabulary';

/** A theme counts a post when its score reaches this. */
export const THEME_MIN_SCORE = 0.5;
/** Top terms kept per theme and hour (sorted set trimmed to this size). */
export const MAX_TERMS_PER_HOUR = 500;

/** One analysed post, reduced to what aggregation needs. No text, no author id. */
export type Folded = {
  analysis: Analysis;
  terms: readonly string[];
  createdAt: number;
  source: string;
  /** HMAC of the author, or undefined when the source gave no author id. */
  author: string | undefined;
  /** The narratives the post was assigned to (one per theme at most). */
  narratives?: readonly NarrativeAssignment[];
  /** The analysis' theme hits that count it (score ≥ THEME_MIN_SCORE), when already picked. */
  themes?: readonly ThemeHit[];
};

/** A post's place in a theme's narratives, decided by the narrative index before folding. */
export type NarrativeAssignment = {
  id: string;
  theme: string;
  /** The post's perspective inside the narrative (worker/src/narratives/perspective.ts). */
  perspective: PerspectiveId;
  /** The words that move the narrative's centroid. */
  words: readonly string[];
  /** Candidate title phrases (3–4 words), counted with the perspective's terms. */
  phrases?: readonly string[];
  /** A narrative born close to (but not inside) another one records it as its parent. */
  parent?: string;
  /** The post's tone in the narrative (narratives/tone.ts); the analysis' sentiment when absent. */
  tone?: Tone;
  /** The trope the analysis read in the post's theme hit (counted per narrative: its guidance). */
  trope?: string;
};

/** Summed centroid and metadata updates of one narrative in one batch. */
export type NarrativeDelta = {
  theme: string;
  posts: number;
  first: number;
  last: number;
  parent?: string;
  words: Map<string, number>;
};

/** The summed updates of one batch, keyed by Redis key. Applied in one atomic step. */
export type Delta = {
  posts: number;
  dropped: Partial<Record<DropReason, number>>;
  cells: Map<string, Cell>;
  authorSets: Map<string, Cell>;
  terms: Map<string, TermCell>;
  narratives: Map<string, NarrativeDelta>;
  /**
   * Every term and narrative word of the batch with the authors who used it: what the
   * apply script needs to keep the vocabulary k-anonymous (vocabulary.ts).
   */
  vocab: Map<string, Set<number>>;
  /** The batch's author hashes; a sketch names author `i` as `authors[i - 1]`. */
  authors: string[];
  authorIndex: Map<string, number>;
  /** How this batch hashes terms not yet used by k authors (set by aggregatePosts). */
  vocabulary?: Vocabulary;
  /** Keyed hashes of the batch's post ids, marked seen with its counts (seen-posts.ts). */
  seen: string[];
  /** Series → its minute slot last folded into (the keys' strings are built once a batch, not once a post). */
  slots: Map<string, Slot>;
  /** The batch's minute slots, summed into hours and days once (fold-slots.ts, rollUp). */
  minutes: Map<string, Slot>;
  rollTo?: { keys: TenantKeys; retention: Retention };
  rolled?: true;
  /** Series → its term list of the hour last folded into. */
  termSlots: Map<string, { hour: number; cell: TermCell }>;
};

export function emptyDelta(vocabulary?: Vocabulary): Delta {
  return {
    posts: 0,
    dropped: {},
    cells: new Map(),
    authorSets: new Map(),
    terms: new Map(),
    narratives: new Map(),
    vocab: new Map(),
    authors: [],
    authorIndex: new Map(),
    seen: [],
    slots: new Map(),
    minutes: new Map(),
    termSlots: new Map(),
    ...(vocabulary ? { vocabulary } : {}),
  };
}

export function countDrop(delta: Delta, reason: DropReason): void {
  delta.dropped[reason] = (delta.dropped[reason] ?? 0) + 1;
}

/** The parts of the series a post is counted in, reused post after post (no array per series). */
const parts: string[] = [];

/**
 * Fold one post into the delta, per series (`all`, each theme it scores in, each target
 * group and narrative) into its minute bucket (hours and days are summed from the minutes
 * once a batch: rollUp), plus narrative centroid updates.
 */
export function fold(delta: Delta, post: Folded, keys: TenantKeys, retention: Retention = DEFAULT_RETENTION): void {
  // Hours and days were summed from the minutes already: a post now would miss them.
  if (delta.rolled) throw new Error('delta_rolled_up');
  delta.posts++;
  const a = post.analysis;
  const author = post.author ? authorNo(delta, post.author) : 0;
  const narratives = post.narratives ?? [];
  vocab(delta, post.terms, author);
  for (let i = 0; i < narratives.length; i++) {
    const n = narratives[i] as NarrativeAssignment;
    const before = narratives[i - 1];
    // A post's narratives mostly share its words and phrases (the same lists): counted once.
    if (n.words !== before?.words) vocab(delta, n.words, author);
    if (n.phrases && n.phrases !== before?.phrases) vocab(delta, n.phrases, author);
  }
  // The parts every series counts the post under, then each series' own.
  parts.length = 0;
  parts.push(part('lang', a.lang), TONES[a.sentiment < -0.1 ? 'neg' : a.sentiment > 0.1 ? 'pos' : 'neu']);
  parts.push(part('src', post.source));
  if (a.toxicity >= 0.5) parts.push('toxic');
  if (a.hateful) parts.push('hateful');
  const common = parts.length;
  const tone = parts[1] as string;
  const at: At = { delta, keys, retention, author, common, tone, minute: bucketStart(post.createdAt, 'minute') };
  const hour = bucketStart(post.createdAt, 'hour');
  // Terms count only posts with an author: a term is shown once k authors used it, and
  // its list and its sketches are then created, trimmed and expired together.
  const terms = author !== 0 && post.terms.length > 0 ? post.terms : undefined;
  count(at, ALL);
  if (terms) foldTerms(at, hour, ALL, terms);
  let targets: string[] | undefined;
  for (const hit of post.themes ?? a.themes) {
    if (hit.score < THEME_MIN_SCORE) continue;
    if (hit.target) parts.push(part('target', hit.target));
    if (hit.stance) parts.push(part('stance', hit.stance));
    count(at, hit.id);
    if (terms) foldTerms(at, hour, hit.id, terms);
    if (hit.target && !targets?.includes(hit.target)) {
      targets ??= [];
      targets.push(hit.target);
      // Target series keep counts only: their words are the theme's.
      if (hit.stance) parts.push(part('stance', hit.stance));
      count(at, targetSeries(hit.target), true);
    }
  }
  for (const n of narratives) {
    foldNarrative(delta, n, post);
    // The narrative's terms are kept per perspective only (read as their union: termSeriesOf).
    parts.push(part('persp', n.perspective));
    // A narrative reads the post's tone from its own signals (narratives/tone.ts), and counts its trope.
    if (n.tone) parts[1] = TONES[n.tone];
    if (n.trope) parts.push(part('trope', n.trope));
    count(at, narrativeSeries(n.id));
    if (author !== 0 && (post.terms.length > 0 || n.phrases?.length)) {
      foldTerms(at, hour, stanceSeries(n.id, n.perspective), post.terms, n.phrases);
    }
  }
}

/** What counting one post needs, the same for each of its series. */
type At = {
  delta: Delta;
  keys: TenantKeys;
  retention: Retention;
  author: number;
  /** How many of `parts` every series counts; the rest are the series' own (taken off by `count`). */
  common: number;
  /** The post's tone part (a narrative may count its own instead). */
  tone: string;
  minute: number;
};

/** The post counted in a series' minute under `parts`, which are then reset to the common ones. */
function count(at: At, series: string, targetGroup = false): void {
  const { delta, author } = at;
  // Minutes only: hours and days are summed from them once a batch (rollUp).
  const slot = minuteSlot(delta, at.keys, at.retention, series, at.minute);
  const f = slot.cell.fields;
  f.set('posts', (f.get('posts') ?? 0) + 1);
  for (const p of parts) f.set(p, (f.get(p) ?? 0) + 1);
  if (author !== 0) {
    slot.authors.authors.add(author);
    // Each part's own authors: the dashboard shows a part only from k of them (issue 22).
    // Target-group series show no breakdown anywhere, so they keep no part sketches (a third fewer).
    if (!targetGroup) {
      for (const p of parts) partSketch(delta, at.keys, series, 0, slot, p).authors.add(author);
    }
  }
  parts.length = at.common;
  parts[1] = at.tone;
}

/** Every term and narrative word of the batch with the authors who used it (Delta.vocab). */
function vocab(delta: Delta, terms: readonly string[], author: number): void {
  for (const term of terms) {
    let who = delta.vocab.get(term);
    if (!who) {
      who = new Set();
      delta.vocab.set(term, who);
    }
    if (author) who.add(author);
  }
}

function foldNarrative(delta: Delta, n: NarrativeAssignment, post: Folded) {
  let d = delta.narratives.get(n.id);
  if (!d) {
    d = { theme: n.theme, posts: 0, first: post.createdAt, last: post.createdAt, words: new Map() };
    delta.narratives.set(n.id, d);
  }
  d.posts++;
  d.first = Math.min(d.first, post.createdAt);
  d.last = Math.max(d.last, post.createdAt);
  if (n.parent && !d.parent) d.parent = n.parent;
  for (const w of n.words) inc(d.words, w);
}

function foldTerms(at: At, hour: number, series: string, terms: readonly string[], more?: readonly string[]) {
  const { delta, keys } = at;
  const cached = delta.termSlots.get(series);
  let cell = cached?.hour === hour ? cached.cell : delta.terms.get(keys.terms(series, hour));
  if (!cell) {
    // Term sketches follow the minute retention: top terms are a "what is said now" view.
    cell = {
      expireAt: expireAt(hour, 'minute', at.retention),
      authorsPrefix: keys.termAuthorsPrefix(series, hour),
      terms: new Map(),
    };
    delta.terms.set(keys.terms(series, hour), cell);
  }
  if (cached?.cell !== cell) delta.termSlots.set(series, { hour, cell });
  addTerms(cell, terms, at.author);
  if (more) addTerms(cell, more, at.author);
}

function addTerms(cell: TermCell, terms: readonly string[], author: number): void {
  for (const term of terms) {
    let t = cell.terms.get(term);
    if (!t) {
      t = { n: 0, authors: new Set() };
      cell.terms.set(term, t);
    }
    t.n++;
    t.authors.add(author);
  }
}

function inc(m: Map<string, number>, field: string, by = 1): void {
  m.set(field, (m.get(field) ?? 0) + by);
}
