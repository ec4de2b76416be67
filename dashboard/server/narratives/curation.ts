import { createHash } from 'node:crypto';
import type { Curation } from '@trendwacht/shared';
import { HttpError, type Scope } from '../http';
import { cleanStaffText } from '../incidents';
import { mergeTarget } from './lineage';

/** As the worker keeps a narrative (apply.ts NARRATIVE_TTL_S): forgotten 90 days after its last use. */
const TTL_S = 90 * 86_400;

/**
 * An analyst's curation of a narrative, kept in Redis beside what the worker keeps (so it
 * survives restarts) and read by the clustering afterwards:
 * - rename: the page shows the analyst's name instead of the phrase title;
 * - pin: always a clustering candidate, listed first;
 * - dismiss: hidden from the lists, but still a candidate, so its posts keep going to it
 *   rather than founding a look-alike;
 * - merge: the narrative's words join the target's centroid and it leaves the candidates,
 *   so its posts go to the target (to the end of the target's merge chain: no cycles);
 * - split: the chosen words leave the centroid for a new narrative that grew out of it.
 * Returns what changed, for the audit log (never post text: names are scrubbed staff text).
 */
export async function curate(s: Scope, id: string, theme: string, c: Curation): Promise<Record<string, string>> {
  const meta = s.keys.narrativeMeta(id);
  switch (c.action) {
    case 'rename': {
      const name = cleanStaffText(c.name).slice(0, 120);
      if (name) await s.redis.hset(meta, 'name', name);
      else await s.redis.hdel(meta, 'name');
      return { name };
    }
    case 'pin':
    case 'unpin':
      if (c.action === 'pin') await s.redis.sadd(s.keys.narrativesPinned(theme), id);
      else await s.redis.srem(s.keys.narrativesPinned(theme), id);
      return {};
    case 'dismiss':
      await s.redis.hset(meta, 'dismissed', '1');
      return c.reason ? { reason: cleanStaffText(c.reason) } : {};
    case 'restore':
      await s.redis.hdel(meta, 'dismissed');
      return {};
    case 'merge':
      return { into: await merge(s, id, theme, c.into) };
    case 'split':
      return { child: await split(s, id, theme, c.terms) };
  }
}

async function merge(s: Scope, from: string, theme: string, into: string): Promise<string> {
  const chain = new Map<string, string | undefined>();
  const mergedInto = (id: string) => chain.get(id);
  // Read the chains of both (at most a few hops) before deciding.
  for (const start of [from, into]) {
    let at: string | undefined = start;
    for (let hops = 0; at && !chain.has(at) && hops < 50; hops++) {
      const m: (string | null)[] = await s.redis.hmget(s.keys.narrativeMeta(at), 'mergedInto', 'theme');
      if (at === into && !m[1]) throw new HttpError(404, 'not_found', 'no such narrative to merge into');
      if (at === into && m[1] !== theme) throw new HttpError(400, 'bad_request', 'narratives of one theme only');
      chain.set(at, m[0] ?? undefined);
      at = m[0] ?? undefined;
    }
  }
  const target = mergeTarget(from, into, mergedInto);
  if (!target)
    throw new HttpError(409, 'conflict', 'this merge would make a cycle (or the narrative is merged already)');
  const merged = await s.redis.hget(s.keys.narrativeMeta(target), 'merged');
  await s.redis
    .multi()
    .hset(s.keys.narrativeMeta(from), 'mergedInto', target, 'mergedAt', s.now())
    .hset(s.keys.narrativeMeta(target), 'merged', merged ? `${merged},${from}` : from)
    .zunionstore(s.keys.narrativeCentroid(target), 2, s.keys.narrativeCentroid(target), s.keys.narrativeCentroid(from))
    .expire(s.keys.narrativeCentroid(target), TTL_S)
    .zrem(s.keys.narratives(theme), from)
    .zrem(s.keys.narrativesRecent(theme), from)
    .srem(s.keys.narrativesPinned(theme), from)
    .exec();
  return target;
}

async function split(s: Scope, id: string, theme: string, terms: string[]): Promise<string> {
  const centroid = s.keys.narrativeCentroid(id);
  const words = [...new Set(terms.map((t) => t.trim().toLowerCase()))];
  const weights = await Promise.all(words.map((w) => s.redis.zscore(centroid, w)));
  // Only words the centroid holds in plain text (≥ k authors) can be split off.
  if (weights.some((w) => w === null))
    throw new HttpError(400, 'bad_request', 'split: a word the narrative does not hold');
  const child = createHash('sha256')
    .update(`split\u0000${id}\u0000${words.sort().join(' ')}`)
    .digest();
  const childId = child.readBigUInt64BE(0).toString(36).padStart(13, '0').slice(0, 12);
  const now = s.now();
  const m = s.redis.multi();
  m.hset(s.keys.narrativeMeta(childId), { theme, first: now, last: now, posts: 0, parent: id, splitFrom: id });
  m.expire(s.keys.narrativeMeta(childId), TTL_S);
  words.forEach((w, i) => m.zadd(s.keys.narrativeCentroid(childId), Number(weights[i]), w));
  m.expire(s.keys.narrativeCentroid(childId), TTL_S);
  m.zrem(centroid, ...words);
  m.zadd(s.keys.narratives(theme), 0, childId);
  m.zadd(s.keys.narrativesRecent(theme), now, childId);
  m.sadd(s.keys.narrativesPinned(theme), childId);
  await m.exec();
  return childId;
}
