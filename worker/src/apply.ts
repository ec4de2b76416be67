import type { TenantKeys } from '@trendwacht/shared';
import type { Redis } from 'ioredis';
import { type Delta, MAX_TERMS_PER_HOUR } from './aggregate';

/** How long a batch's idempotency marker outlives it: longer than any retry schedule. */
export const MARKER_TTL_S = 7 * 86_400;

/** A narrative nobody adds to for this long is forgotten (centroid, metadata, registry). */
export const NARRATIVE_TTL_S = 90 * 86_400;
/** Words kept in a narrative's centroid. */
export const NARRATIVE_WORDS = 30;
/** Narratives kept per theme in each registry (by posts, by last seen). */
export const NARRATIVES_KEPT = 300;

/**
 * Applies a batch's whole delta and its idempotency marker in one atomic script; a batch
 * whose marker exists changes nothing. Every key the script touches is passed in KEYS and
 * shares the tenant's hash tag, except the per-term sketches whose names it derives from a
 * passed prefix (same hash tag, so same slot in a Redis Cluster).
 */
const SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
local d = cjson.decode(ARGV[1])
local function pfadd(k, hashes)
  for i = 1, #hashes, 500 do
    redis.call('PFADD', k, unpack(hashes, i, math.min(i + 499, #hashes)))
  end
end
for _, c in ipairs(d.c) do
  local k = KEYS[c[1]]
  local f = c[3]
  for i = 1, #f, 2 do redis.call('HINCRBY', k, f[i], f[i + 1]) end
  redis.call('EXPIREAT', k, c[2])
end
for _, h in ipairs(d.h) do
  local k = KEYS[h[1]]
  pfadd(k, h[3])
  redis.call('EXPIREAT', k, h[2])
end
local maxTerms = tonumber(ARGV[3])
for _, z in ipairs(d.z) do
  local k = KEYS[z[1]]
  local m = z[4]
  for i = 1, #m, 2 do redis.call('ZINCRBY', k, m[i + 1], m[i]) end
  for _, ta in ipairs(z[5]) do
    local tk = z[3] .. ta[1]
    pfadd(tk, ta[2])
    redis.call('EXPIREAT', tk, z[2])
  end
  redis.call('EXPIREAT', k, z[2])
  local n = redis.call('ZCARD', k)
  if n > maxTerms then
    local drop = redis.call('ZRANGE', k, 0, n - maxTerms - 1)
    for _, mem in ipairs(drop) do redis.call('DEL', z[3] .. mem) end
    redis.call('ZREMRANGEBYRANK', k, 0, n - maxTerms - 1)
  end
end
local ttl = tonumber(ARGV[5])
local maxWords = tonumber(ARGV[6])
for _, n in ipairs(d.n) do
  local ck, mk, byPosts, byLast = KEYS[n[1]], KEYS[n[2]], KEYS[n[3]], KEYS[n[4]]
  local id, posts, first, last = n[5], n[6], n[7], n[8]
  local w = n[11]
  for i = 1, #w, 2 do redis.call('ZINCRBY', ck, w[i + 1], w[i]) end
  redis.call('ZREMRANGEBYRANK', ck, 0, -(maxWords + 1))
  redis.call('EXPIRE', ck, ttl)
  redis.call('HSETNX', mk, 'theme', n[10])
  redis.call('HINCRBY', mk, 'posts', posts)
  local f = tonumber(redis.call('HGET', mk, 'first') or '0')
  if f == 0 or first < f then redis.call('HSET', mk, 'first', first) end
  local l = tonumber(redis.call('HGET', mk, 'last') or '0')
  if last > l then redis.call('HSET', mk, 'last', last) end
  if n[9] ~= '' then redis.call('HSETNX', mk, 'parent', n[9]) end
  redis.call('EXPIRE', mk, ttl)
  if redis.call('HEXISTS', mk, 'mergedInto') == 0 then
    redis.call('ZINCRBY', byPosts, posts, id)
    redis.call('ZADD', byLast, 'GT', last, id)
    for _, r in ipairs({byPosts, byLast}) do
      redis.call('ZREMRANGEBYRANK', r, 0, -(tonumber(ARGV[7]) + 1))
      redis.call('EXPIRE', r, ttl)
    end
  end
end
local s = d.s
for i = 1, #s, 2 do redis.call('HINCRBY', KEYS[2], s[i], s[i + 1]) end
redis.call('SET', KEYS[1], '1', 'EX', tonumber(ARGV[4]))
redis.call('PUBLISH', ARGV[2], d.ev)
return 1
`;

type WithApply = Redis & { twApplyBatch(numKeys: number, ...args: (string | number)[]): Promise<number> };

function withApply(redis: Redis): WithApply {
  if (!('twApplyBatch' in redis)) redis.defineCommand('twApplyBatch', { lua: SCRIPT });
  return redis as WithApply;
}

/** Apply the delta once. Resolves true when applied, false when the batch was applied before. */
export async function applyDelta(
  redis: Redis,
  keys: TenantKeys,
  batchId: string,
  delta: Delta,
  event: unknown,
  /** More stats increments applied with the batch (e.g. its latency bucket). */
  extraStats: Record<string, number> = {},
): Promise<boolean> {
  const keyList: string[] = [keys.batchMarker(batchId), keys.stats];
  const idx = (k: string) => keyList.push(k);
  const c = [...delta.cells].map(([k, cell]) => [idx(k), cell.expireAt, flat(cell.fields)]);
  const h = [...delta.authorSets]
    .filter(([, cell]) => cell.authors.size > 0)
    .map(([k, cell]) => [idx(k), cell.expireAt, [...cell.authors]]);
  const z = [...delta.terms].map(([k, cell]) => {
    const counts: (string | number)[] = [];
    const sketches: [string, string[]][] = [];
    for (const [term, t] of cell.terms) {
      counts.push(term, t.n);
      if (t.authors.size > 0) sketches.push([term, [...t.authors]]);
    }
    return [idx(k), cell.expireAt, cell.authorsPrefix, counts, sketches];
  });
  const n = [...delta.narratives].map(([id, nd]) => [
    idx(keys.narrativeCentroid(id)),
    idx(keys.narrativeMeta(id)),
    idx(keys.narratives(nd.theme)),
    idx(keys.narrativesRecent(nd.theme)),
    id,
    nd.posts,
    nd.first,
    nd.last,
    nd.parent ?? '',
    nd.theme,
    flat(nd.words),
  ]);
  const s: (string | number)[] = ['posts', delta.posts, 'batches', 1];
  for (const [reason, n] of Object.entries(delta.dropped)) s.push(`drop:${reason}`, n);
  for (const [field, n] of Object.entries(extraStats)) s.push(field, n);
  const payload = JSON.stringify({ c, h, z, n, s, ev: JSON.stringify(event) });
  const applied = await withApply(redis).twApplyBatch(
    keyList.length,
    ...keyList,
    payload,
    keys.events,
    MAX_TERMS_PER_HOUR,
    MARKER_TTL_S,
    NARRATIVE_TTL_S,
    NARRATIVE_WORDS,
    NARRATIVES_KEPT,
  );
  return applied === 1;
}

function flat(m: Map<string, number>): (string | number)[] {
  const out: (string | number)[] = [];
  for (const [f, n] of m) out.push(f, n);
  return out;
}
