import {
  ALL,
  type Analysis,
  type DropReason,
  GRANULARITIES,
  type PerspectiveId,
  type Stance,
  type TenantKeys,
  bucketStart,
  narrativeSeries,
  stanceSeries,
  targetSeries,
} from '@trendwacht/shared';
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

type Cell = { expireAt: number; fields: Map<string, number>; authors: Set<string> };
type TermCell = { expireAt: number; authorsPrefix: string; terms: Map<string, { n: number; authors: Set<string> }> };

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
  vocab: Map<string, Set<string>>;
  /** How this batch hashes terms not yet used by k authors (set by aggregatePosts). */
  vocabulary?: Vocabulary;
  /** Keyed hashes of the batch's post ids, marked seen with its counts (seen-posts.ts). */
  seen: string[];
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
    seen: [],
    ...(vocabulary ? { vocabulary } : {}),
  };
}

export function countDrop(delta: Delta, reason: DropReason): void {
  delta.dropped[reason] = (delta.dropped[reason] ?? 0) + 1;
}

/**
 * What a series counts a post with: its stance and target there (none for `all`).
 * `termsOnly` series keep words, no cells (a narrative's words per stance).
 */
type SeriesHit = {
  series: string;
  stance?: Stance;
  perspective?: PerspectiveId;
  target?: string;
  terms: readonly string[];
  termsOnly?: true;
};

/**
 * Fold one post into the delta, per series (`all`, each theme it scores in, each target
 * group and narrative) × minute/hour/day bucket, plus narrative centroid updates.
 */
export function fold(delta: Delta, post: Folded, keys: TenantKeys, retention: Retention = DEFAULT_RETENTION): void {
  delta.posts++;
  const a = post.analysis;
  const narrativeWords = (post.narratives ?? []).flatMap((n) => [...n.words, ...(n.phrases ?? [])]);
  for (const term of new Set([...post.terms, ...narrativeWords])) {
    let who = delta.vocab.get(term);
    if (!who) {
      who = new Set();
      delta.vocab.set(term, who);
    }
    if (post.author) who.add(post.author);
  }
  const hits: SeriesHit[] = [{ series: ALL, terms: post.terms }];
  const targets = new Set<string>();
  for (const hit of a.themes) {
    if (hit.score < THEME_MIN_SCORE) continue;
    hits.push({ series: hit.id, stance: hit.stance, ...(hit.target ? { target: hit.target } : {}), terms: post.terms });
    if (hit.target && !targets.has(hit.target)) {
      targets.add(hit.target);
      // Target series keep counts only: their words are the theme's.
      hits.push({ series: targetSeries(hit.target), stance: hit.stance, terms: [] });
    }
  }
  for (const n of post.narratives ?? []) {
    // The narrative's terms are kept per perspective only (read as their union: termSeriesOf).
    hits.push({ series: narrativeSeries(n.id), perspective: n.perspective, terms: [] });
    const terms = [...post.terms, ...(n.phrases ?? [])];
    hits.push({ series: stanceSeries(n.id, n.perspective), terms, termsOnly: true });
    foldNarrative(delta, n, post);
  }
  const tone = a.sentiment < -0.1 ? 'neg' : a.sentiment > 0.1 ? 'pos' : 'neu';
  for (const hit of hits) {
    for (const g of hit.termsOnly ? [] : GRANULARITIES) {
      const b = bucketStart(post.createdAt, g);
      const exp = expireAt(b, g, retention);
      const cell = cellOf(delta.cells, keys.cell(hit.series, g, b), exp);
      const parts = [`lang:${a.lang}`, `tone:${tone}`, `src:${post.source}`];
      if (a.toxicity >= 0.5) parts.push('toxic');
      if (a.hateful) parts.push('hateful');
      if (hit.target) parts.push(`target:${hit.target}`);
      if (hit.stance) parts.push(`stance:${hit.stance}`);
      if (hit.perspective) parts.push(`persp:${hit.perspective}`);
      inc(cell.fields, 'posts');
      for (const f of parts) inc(cell.fields, f);
      if (post.author) {
        cellOf(delta.authorSets, keys.cellAuthors(hit.series, g, b), exp).authors.add(post.author);
        // Each part's own authors: the dashboard shows a part only from k of them (issue 22).
        // Target-group series show no breakdown anywhere, so they keep none (a third fewer sketches).
        if (!hit.series.startsWith('tg-')) {
          for (const f of parts)
            cellOf(delta.authorSets, keys.partAuthors(hit.series, f, g, b), exp).authors.add(post.author);
        }
      }
    }
    // Terms count only posts with an author: a term is shown once k authors used it, and
    // its list and its sketches are then created, trimmed and expired together.
    if (hit.terms.length > 0 && post.author) foldTerms(delta, post.author, post.createdAt, hit, keys, retention);
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

function foldTerms(
  delta: Delta,
  author: string,
  createdAt: number,
  hit: SeriesHit,
  keys: TenantKeys,
  retention: Retention,
) {
  const { series } = hit;
  const hour = bucketStart(createdAt, 'hour');
  const key = keys.terms(series, hour);
  let cell = delta.terms.get(key);
  if (!cell) {
    // Term sketches follow the minute retention: top terms are a "what is said now" view.
    cell = {
      expireAt: expireAt(hour, 'minute', retention),
      authorsPrefix: keys.termAuthorsPrefix(series, hour),
      terms: new Map(),
    };
    delta.terms.set(key, cell);
  }
  for (const term of hit.terms) {
    let t = cell.terms.get(term);
    if (!t) {
      t = { n: 0, authors: new Set() };
      cell.terms.set(term, t);
    }
    t.n++;
    t.authors.add(author);
  }
}

function cellOf(map: Map<string, Cell>, key: string, exp: number): Cell {
  let c = map.get(key);
  if (!c) {
    c = { expireAt: exp, fields: new Map(), authors: new Set() };
    map.set(key, c);
  }
  return c;
}

function inc(m: Map<string, number>, field: string, by = 1): void {
  m.set(field, (m.get(field) ?? 0) + by);
}
