import { BUCKET_MS, type Granularity, MIN_K, type Timeline, bucketStart } from '@trendwacht/shared';
import { type BucketCell, type ReadDeps, type Span, execOrThrow as exec, readBuckets } from './queries';
import { type Part, type Whole, shownParts } from './suppression';

/** The coarser cell a bucket is part of: an hour holds its minutes, a day its hours. */
const PARENT: Partial<Record<Granularity, Granularity>> = { minute: 'hour', hour: 'day' };

/** A bucket and whether its count may be shown. */
export type VisibleCell = BucketCell & { shown: boolean };

/**
 * A series' buckets over a span, each marked shown or not. A bucket under k authors is
 * hidden; and since the coarser cell holding it is shown elsewhere (an hour point of the
 * day view beside its minutes in the hour view), the buckets of one parent are suppressed
 * together (`shownParts`) so that `hour - visible minutes` never gives a hidden minute.
 * The decision reads the whole parent, not just the span, so every span agrees on it.
 */
export async function readVisibleBuckets(d: ReadDeps, series: string, span: Span): Promise<VisibleCell[]> {
  const cells = await readBuckets(d, series, span);
  const parentG = PARENT[span.g];
  if (!parentG) {
    const kk = Math.max(d.k, MIN_K);
    return cells.map((c) => ({ ...c, shown: c.posts > 0 && c.authors >= kk && c.posts >= kk }));
  }
  const inSpan = new Map(cells.map((c) => [c.t, c]));
  const parents = [...new Set(cells.filter((c) => c.posts > 0).map((c) => bucketStart(c.t, parentG)))];
  const outside: number[] = [];
  const childrenOf = new Map<number, number[]>();
  for (const p of parents) {
    const children: number[] = [];
    for (let t = p; t < p + BUCKET_MS[parentG]; t += BUCKET_MS[span.g]) {
      children.push(t);
      if (!inSpan.has(t)) outside.push(t);
    }
    childrenOf.set(p, children);
  }
  const [wholes, others] = await Promise.all([
    readCounts(d, series, parentG, parents),
    readCounts(d, series, span.g, outside),
  ]);
  const shown = new Set<number>();
  for (const p of parents) {
    const parts: Part[] = (childrenOf.get(p) ?? []).map((t) => {
      const c = inSpan.get(t);
      const o = c ? { raw: c.posts, authors: c.authors } : others.get(t);
      return { id: String(t), raw: o?.raw ?? 0, authors: o?.authors ?? 0 };
    });
    for (const id of shownParts(wholes.get(p) ?? { raw: 0, authors: 0 }, parts, d.k)) shown.add(Number(id));
  }
  return cells.map((c) => ({ ...c, shown: shown.has(c.t) }));
}

/** Posts and distinct authors of some buckets of a series (one pipeline). */
async function readCounts(d: ReadDeps, series: string, g: Granularity, buckets: number[]) {
  const out = new Map<number, Whole>();
  if (buckets.length === 0) return out;
  const pipe = d.redis.pipeline();
  for (const b of buckets) {
    pipe.hget(d.keys.cell(series, g, b), 'posts');
    pipe.pfcount(d.keys.cellAuthors(series, g, b));
  }
  const res = await exec(pipe);
  buckets.forEach((b, j) => out.set(b, { raw: Number(res[2 * j] ?? 0), authors: Number(res[2 * j + 1] ?? 0) }));
  return out;
}

/** A point of a timeline: 0 when empty (nothing to hide), the count when shown, else null. */
export const visiblePosts = (c: VisibleCell): number | null => (c.posts === 0 ? 0 : c.shown ? c.posts : null);

/**
 * Distinct authors of each field over some buckets, for the fields that could be shown
 * (at least k posts): one PFCOUNT per field over its part sketches.
 */
export async function partAuthorsOf(
  d: ReadDeps,
  series: string,
  g: Granularity,
  buckets: number[],
  fields: string[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (buckets.length === 0 || fields.length === 0) return out;
  const pipe = d.redis.pipeline();
  for (const f of fields) pipe.pfcount(...buckets.map((b) => d.keys.partAuthors(series, f, g, b)));
  const res = await exec(pipe);
  fields.forEach((f, j) => out.set(f, Number(res[j] ?? 0)));
  return out;
}

/** A series' points over a span: hidden buckets are `null` ("< k"). */
export function timelineOf(series: string, r: Span, cells: VisibleCell[], k: number): Timeline {
  return {
    theme: series,
    range: r.range,
    granularity: r.g,
    k,
    points: cells.map((c) => ({ t: c.t, posts: visiblePosts(c) })),
  };
}

/** A series' posts per bucket over the span (see `readVisibleBuckets`). */
export async function readTimeline(d: ReadDeps, series: string, r: Span): Promise<Timeline> {
  return timelineOf(series, r, await readVisibleBuckets(d, series, r), d.k);
}
