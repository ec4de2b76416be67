import {
  BUCKET_MS,
  type Granularity,
  type Range,
  type SpanKind,
  type TenantKeys,
  bucketStart,
} from '@trendwacht/shared';
import type { RedisClient } from '@trendwacht/shared/node';

export type ReadDeps = { redis: RedisClient; keys: TenantKeys; k: number; now: () => number };

/** The buckets a span covers, at the finest granularity Redis still keeps for it. */
export type Span = { range: SpanKind; g: Granularity; buckets: number[]; hours: number[]; from: number; to: number };

const TOP_TERMS = 10;
const TERM_CANDIDATES = 40;
/** Minute cells live 48 h, hour cells 90 days, day cells 2 years (see retention). */
const MINUTE_KEPT = 47 * BUCKET_MS.hour;
const HOUR_KEPT = 89 * BUCKET_MS.day;
/** Hourly top terms live 48 h: terms of a span come from its last 48 hours at most. */
const TERM_HOURS = 48;
const MAX_BUCKETS = 800;

const RANGE_SPAN: Record<Range, { g: Granularity; n: number }> = {
  hour: { g: 'minute', n: 60 },
  day: { g: 'hour', n: 24 },
  week: { g: 'hour', n: 168 },
  month: { g: 'day', n: 30 },
};

function spanOf(range: SpanKind, g: Granularity, first: number, last: number, now: number): Span {
  const buckets: number[] = [];
  for (let b = first; b <= last; b += BUCKET_MS[g]) buckets.push(b);
  const to = last + BUCKET_MS[g];
  const hourFrom = Math.max(first, bucketStart(now, 'hour') - (TERM_HOURS - 1) * BUCKET_MS.hour);
  const hours: number[] = [];
  for (let h = bucketStart(hourFrom, 'hour'); h < Math.min(to, now + 1); h += BUCKET_MS.hour) hours.push(h);
  return { range, g, buckets, hours, from: first, to };
}

/** A named range ending now: 60 minutes, 24 hours, 168 hours or 30 days. */
export function rangeSpan(range: Range, now: number): Span {
  const { g, n } = RANGE_SPAN[range];
  const last = bucketStart(now, g);
  return spanOf(range, g, last - (n - 1) * BUCKET_MS[g], last, now);
}

/** A custom span [from, to): minutes when short and recent, else hours, else days. */
export function customSpan(from: number, to: number, now: number): Span {
  const length = to - from;
  let g: Granularity = 'day';
  if (length <= 3 * BUCKET_MS.hour && from >= now - MINUTE_KEPT) g = 'minute';
  else if (length <= 14 * BUCKET_MS.day && from >= now - HOUR_KEPT) g = 'hour';
  const first = bucketStart(from, g);
  const last = Math.min(bucketStart(to - 1, g), first + (MAX_BUCKETS - 1) * BUCKET_MS[g]);
  return spanOf('custom', g, first, last, now);
}

/** One bucket of a series: its counters and its distinct authors. */
export type BucketCell = { t: number; fields: Record<string, string>; posts: number; authors: number };

/** Every bucket of a series over a span, in one pipeline (timeline, theme detail, export). */
export async function readBuckets(d: ReadDeps, series: string, r: Span): Promise<BucketCell[]> {
  const pipe = d.redis.pipeline();
  for (const b of r.buckets) {
    pipe.hgetall(d.keys.cell(series, r.g, b));
    pipe.pfcount(d.keys.cellAuthors(series, r.g, b));
  }
  const res = await execOrThrow(pipe);
  return r.buckets.map((t, j) => {
    const fields = (res[2 * j] ?? {}) as Record<string, string>;
    return { t, fields, posts: Number(fields.posts ?? 0), authors: Number(res[2 * j + 1] ?? 0) };
  });
}

/** A series' most used terms over some hours (summed), at most `limit`, most used first. */
export async function rankedTerms(d: ReadDeps, series: string | string[], hours: number[], limit: number) {
  if (hours.length === 0) return [];
  const keys = [series].flat().flatMap((s) => hours.map((h) => d.keys.terms(s, h)));
  const ranked = (await d.redis.call('ZUNION', keys.length, ...keys, 'WITHSCORES')) as string[];
  const pairs: { term: string; count: number }[] = [];
  for (let j = 0; j + 1 < ranked.length; j += 2)
    pairs.push({ term: ranked[j] as string, count: Number(ranked[j + 1]) });
  pairs.sort((a, b) => b.count - a.count);
  return pairs.slice(0, limit);
}

/** Most frequent terms of a theme that at least k distinct authors used. */
export async function readTopTerms(d: ReadDeps, theme: string, hours: number[]) {
  const candidates = await rankedTerms(d, theme, hours, TERM_CANDIDATES);
  if (candidates.length === 0) return [];
  const pipe = d.redis.pipeline();
  for (const c of candidates) pipe.pfcount(...hours.map((h) => d.keys.termAuthorsPrefix(theme, h) + c.term));
  const authors = await execOrThrow(pipe);
  return candidates.filter((_, j) => Number(authors[j]) >= d.k).slice(0, TOP_TERMS);
}

export function addFields(into: Map<string, number>, fields: Record<string, string> | null) {
  if (!fields) return;
  for (const [f, v] of Object.entries(fields)) into.set(f, (into.get(f) ?? 0) + Number(v));
}

export async function execOrThrow(pipe: ReturnType<RedisClient['pipeline']>): Promise<unknown[]> {
  const res = (await pipe.exec()) ?? [];
  return res.map(([err, value]) => {
    if (err) throw err;
    return value;
  });
}
