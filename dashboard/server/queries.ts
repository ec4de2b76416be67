import {
  ALL,
  BUCKET_MS,
  type Overview,
  type Range,
  THEME_IDS,
  type TenantKeys,
  type ThemeSummary,
  type Timeline,
  bucketStart,
  guard,
  themeLabel,
} from '@trendwacht/shared';
import type { Redis } from 'ioredis';

export type ReadDeps = { redis: Redis; keys: TenantKeys; k: number; now: () => number };

const TOP_TERMS = 10;
const TERM_CANDIDATES = 40;

/** The buckets a range covers: 60 minute buckets for an hour, 24 hour buckets for a day. */
export function rangeBuckets(range: Range, now: number) {
  const g = range === 'hour' ? ('minute' as const) : ('hour' as const);
  const n = range === 'hour' ? 60 : 24;
  const last = bucketStart(now, g);
  const buckets = Array.from({ length: n }, (_, i) => last - (n - 1 - i) * BUCKET_MS[g]);
  const hours = range === 'hour' ? [...new Set(buckets.map((b) => bucketStart(b, 'hour')))] : buckets;
  return { g, buckets, hours, from: buckets[0] ?? last, to: last + BUCKET_MS[g] };
}

/** Every theme's totals over the range; cells under k distinct authors are suppressed. */
export async function readOverview(d: ReadDeps, range: Range): Promise<Overview> {
  const r = rangeBuckets(range, d.now());
  const themes = [ALL, ...THEME_IDS] as string[];
  const pipe = d.redis.pipeline();
  for (const theme of themes) {
    for (const b of r.buckets) pipe.hgetall(d.keys.cell(theme, r.g, b));
    pipe.pfcount(...r.buckets.map((b) => d.keys.cellAuthors(theme, r.g, b)));
  }
  const [res, terms] = await Promise.all([
    execOrThrow(pipe),
    Promise.all(themes.map((theme) => (theme === ALL ? [] : readTopTerms(d, theme, r.hours)))),
  ]);
  const summaries: ThemeSummary[] = [];
  let i = 0;
  for (const [j, theme] of themes.entries()) {
    const totals = new Map<string, number>();
    for (const _ of r.buckets) addFields(totals, res[i++] as Record<string, string>);
    const authors = Number(res[i++]);
    const posts = totals.get('posts') ?? 0;
    summaries.push({
      id: theme,
      label: themeLabel(theme),
      posts: guard(posts, authors, d.k),
      authors: guard(authors, authors, d.k),
      suppressed: guard(posts, authors, d.k) === null,
      tone: {
        neg: guard(totals.get('tone:neg') ?? 0, authors, d.k),
        neu: guard(totals.get('tone:neu') ?? 0, authors, d.k),
        pos: guard(totals.get('tone:pos') ?? 0, authors, d.k),
      },
      topTerms: terms[j] ?? [],
    });
  }
  return { tenant: d.keys.tenant, range, from: r.from, to: r.to, k: d.k, themes: summaries };
}

/** A theme's posts per bucket over the range; each point suppressed under k authors. */
export async function readTimeline(d: ReadDeps, theme: string, range: Range): Promise<Timeline> {
  const r = rangeBuckets(range, d.now());
  const pipe = d.redis.pipeline();
  for (const b of r.buckets) {
    pipe.hget(d.keys.cell(theme, r.g, b), 'posts');
    pipe.pfcount(d.keys.cellAuthors(theme, r.g, b));
  }
  const res = await execOrThrow(pipe);
  const points = r.buckets.map((t, j) => {
    const posts = Number(res[2 * j] ?? 0);
    const authors = Number(res[2 * j + 1] ?? 0);
    return { t, posts: posts === 0 ? 0 : guard(posts, authors, d.k) };
  });
  return { theme, range, granularity: r.g === 'minute' ? 'minute' : 'hour', k: d.k, points };
}

/** A series' most used terms over some hours (summed), at most `limit`, most used first. */
export async function rankedTerms(d: ReadDeps, series: string, hours: number[], limit: number) {
  const keys = hours.map((h) => d.keys.terms(series, h));
  const ranked = (await d.redis.call('ZUNION', keys.length, ...keys, 'WITHSCORES')) as string[];
  const pairs: { term: string; count: number }[] = [];
  for (let j = 0; j + 1 < ranked.length; j += 2)
    pairs.push({ term: ranked[j] as string, count: Number(ranked[j + 1]) });
  pairs.sort((a, b) => b.count - a.count);
  return pairs.slice(0, limit);
}

/** Most frequent terms of a theme that at least k distinct authors used. */
async function readTopTerms(d: ReadDeps, theme: string, hours: number[]) {
  const candidates = await rankedTerms(d, theme, hours, TERM_CANDIDATES);
  if (candidates.length === 0) return [];
  const pipe = d.redis.pipeline();
  for (const c of candidates) pipe.pfcount(...hours.map((h) => d.keys.termAuthorsPrefix(theme, h) + c.term));
  const authors = await execOrThrow(pipe);
  return candidates.filter((_, j) => Number(authors[j]) >= d.k).slice(0, TOP_TERMS);
}

function addFields(into: Map<string, number>, fields: Record<string, string> | null) {
  if (!fields) return;
  for (const [f, v] of Object.entries(fields)) into.set(f, (into.get(f) ?? 0) + Number(v));
}

async function execOrThrow(pipe: ReturnType<Redis['pipeline']>): Promise<unknown[]> {
  const res = (await pipe.exec()) ?? [];
  return res.map(([err, value]) => {
    if (err) throw err;
    return value;
  });
}
