import { ALL, type Analysis, type DropReason, GRANULARITIES, type TenantKeys, bucketStart } from '@trendwacht/shared';
import { DEFAULT_RETENTION, type Retention, expireAt } from './retention';

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
};

export function emptyDelta(): Delta {
  return { posts: 0, dropped: {}, cells: new Map(), authorSets: new Map(), terms: new Map() };
}

export function countDrop(delta: Delta, reason: DropReason): void {
  delta.dropped[reason] = (delta.dropped[reason] ?? 0) + 1;
}

/** Fold one post into the delta: per theme (and `all`) × minute/hour/day bucket. */
export function fold(delta: Delta, post: Folded, keys: TenantKeys, retention: Retention = DEFAULT_RETENTION): void {
  delta.posts++;
  const a = post.analysis;
  const themes = [ALL as string];
  for (const hit of a.themes) if (hit.score >= THEME_MIN_SCORE) themes.push(hit.id);
  const tone = a.sentiment < -0.1 ? 'neg' : a.sentiment > 0.1 ? 'pos' : 'neu';
  for (const theme of themes) {
    const target = a.themes.find((h) => h.id === theme)?.target;
    for (const g of GRANULARITIES) {
      const b = bucketStart(post.createdAt, g);
      const exp = expireAt(b, g, retention);
      const cell = cellOf(delta.cells, keys.cell(theme, g, b), exp);
      inc(cell.fields, 'posts');
      inc(cell.fields, `lang:${a.lang}`);
      inc(cell.fields, `tone:${tone}`);
      inc(cell.fields, `src:${post.source}`);
      if (a.toxicity >= 0.5) inc(cell.fields, 'toxic');
      if (a.hateful) inc(cell.fields, 'hateful');
      if (target) inc(cell.fields, `target:${target}`);
      if (post.author) cellOf(delta.authorSets, keys.cellAuthors(theme, g, b), exp).authors.add(post.author);
    }
    if (theme !== ALL && post.terms.length > 0) foldTerms(delta, post, theme, keys, retention);
  }
}

function foldTerms(delta: Delta, post: Folded, theme: string, keys: TenantKeys, retention: Retention) {
  const hour = bucketStart(post.createdAt, 'hour');
  const key = keys.terms(theme, hour);
  let cell = delta.terms.get(key);
  if (!cell) {
    // Term sketches follow the minute retention: top terms are a "what is said now" view.
    cell = {
      expireAt: expireAt(hour, 'minute', retention),
      authorsPrefix: keys.termAuthorsPrefix(theme, hour),
      terms: new Map(),
    };
    delta.terms.set(key, cell);
  }
  for (const term of post.terms) {
    let t = cell.terms.get(term);
    if (!t) {
      t = { n: 0, authors: new Set() };
      cell.terms.set(term, t);
    }
    t.n++;
    if (post.author) t.authors.add(post.author);
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
