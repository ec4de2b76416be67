import { ALL, BUCKET_MS, type TenantKeys } from '@trendwacht/shared';
import type { RedisClient } from '@trendwacht/shared/node';

const HOUR = BUCKET_MS.hour;
/** Phrases of the hour's term list read for a title. */
const READ = 300;
/** Part of the smaller phrase's authors who must use both pairs for them to form one phrase of three. */
const CHAIN_AT = 0.6;

export type TitleDeps = {
  redis: RedisClient;
  keys: TenantKeys;
  k: number;
  /** A phrase that says nothing on its own (all its words common). */
  filler: (phrase: string) => boolean;
  /** How much more the phrase is used now than in ordinary language (higher: more distinctive). */
  distinct: (phrase: string, count: number) => number;
};

/**
 * A story's title: its most distinctive phrase used by ≥ k authors this hour (or the hour
 * before) that holds one of its words — phrases say what happened, words only what it is
 * about. Pairs are what the analysis counts; two pairs that share a word and the same
 * authors ("death toll" + "toll rises") are told as one phrase of three when ≥ k authors
 * used both. Null when no phrase qualifies.
 */
export async function storyTitle(
  d: TitleDeps,
  own: readonly { term: string; count: number }[],
  minute: number,
): Promise<string | null> {
  // How much a word weighs in the story: its uses as one of the story's words.
  const weight = new Map(own.filter((t) => !t.term.includes(' ')).map((t) => [t.term, t.count]));
  const mine = new Set(own.map((t) => t.term));
  const hour = Math.floor(minute / HOUR) * HOUR;
  for (const h of [hour, hour - HOUR]) {
    const flat = await d.redis.zrevrange(d.keys.terms(ALL, h), 0, READ - 1, 'WITHSCORES');
    const pairs: { term: string; count: number }[] = [];
    for (let i = 0; i + 1 < flat.length; i += 2) {
      const term = flat[i] as string;
      const count = Number(flat[i + 1]);
      if (term.includes(' ') && count >= d.k && !d.filler(term)) pairs.push({ term, count });
    }
    const rank = (p: string) => p.split(' ').reduce((sum, w) => sum + (weight.get(w) ?? 0), 0);
    const cands = pairs
      .filter((p) => mine.has(p.term) || rank(p.term) > 0)
      .map((p) => ({ ...p, rank: rank(p.term), distinct: d.distinct(p.term, p.count) }))
      // Made of the story's strongest words first, then the most distinctive, then the most used.
      .sort((a, b) => b.rank - a.rank || b.distinct - a.distinct || b.count - a.count)
      .slice(0, 5);
    if (cands.length === 0) continue;
    const sketch = (t: string) => d.keys.termAuthorsPrefix(ALL, h) + t;
    const pipe = d.redis.pipeline();
    for (const c of cands) pipe.pfcount(sketch(c.term));
    const authors = ((await pipe.exec()) ?? []).map((r) => Number(r[1] ?? 0));
    const i = cands.findIndex((_, j) => (authors[j] ?? 0) >= d.k);
    if (i < 0) continue;
    const best = cands[i] as { term: string; count: number };
    return (await chain(d, best.term, authors[i] ?? 0, pairs, sketch)) ?? best.term;
  }
  return null;
}

/** "a b" and "b c" (or "z a" and "a b") used by the same ≥ k authors: "a b c". */
async function chain(
  d: TitleDeps,
  best: string,
  n: number,
  pairs: readonly { term: string; count: number }[],
  sketch: (t: string) => string,
): Promise<string | null> {
  const [a, b] = best.split(' ') as [string, string];
  const next = pairs.filter((p) => {
    const [x, y] = p.term.split(' ');
    return p.term !== best && (x === b || y === a) && x !== y && y !== b && x !== a;
  });
  for (const p of next.slice(0, 4)) {
    const [m, u] = await Promise.all([d.redis.pfcount(sketch(p.term)), d.redis.pfcount(sketch(best), sketch(p.term))]);
    const shared = n + m - u;
    if (shared < d.k || shared < CHAIN_AT * Math.min(n, m)) continue;
    const [x, y] = p.term.split(' ') as [string, string];
    return x === b ? `${a} ${b} ${y}` : `${x} ${a} ${b}`;
  }
  return null;
}
