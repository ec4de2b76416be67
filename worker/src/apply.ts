import type { TenantKeys } from '@trendwacht/shared';
import type { RedisClient } from '@trendwacht/shared/node';
import { type Delta, MAX_TERMS_PER_HOUR } from './aggregate';

/**
 * How long a batch's idempotency marker outlives it: far longer than any retry (stalled
 * jobs are taken again within a minute, failed ones retried over about two), and short
 * enough that markers stay small at firehose rates (20 batches/s ≈ 1.7 M markers a day).
 */
export const MARKER_TTL_S = 86_400;

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
-- Author hashes are sent once per batch (d.a); sketches name them by index.
local A = d.a
local function pfadd(k, idx)
  for i = 1, #idx, 500 do
    local args = {}
    for j = i, math.min(i + 499, #idx) do args[#args + 1] = A[idx[j]] end
    redis.call('PFADD', k, unpack(args))
  end
end
-- An expiry of 0: this worker already gave the key its expiry (see ExpiryMemo).
local function expire(k, at)
  if at ~= 0 then redis.call('EXPIREAT', k, at) end
end
for _, c in ipairs(d.c) do
  local k = KEYS[c[1]]
  local f = c[3]
  for i = 1, #f, 2 do redis.call('HINCRBY', k, f[i], f[i + 1]) end
  expire(k, c[2])
end
for _, h in ipairs(d.h) do
  local k = KEYS[h[1]]
  pfadd(k, h[3])
  expire(k, h[2])
end
local maxTerms = tonumber(ARGV[3])
for _, z in ipairs(d.z) do
  local k, prefix, at = KEYS[z[1]], z[3], z[4]
  for _, t in ipairs(z[5]) do
    local term, n = t[1], t[2]
    local tk = prefix .. term
    pfadd(tk, t[3])
    -- A term new to the list has a new sketch: it expires with the list (and is deleted
    -- with it when trimmed), so its expiry is sent once.
    if tonumber(redis.call('ZINCRBY', k, n, term)) == n then redis.call('EXPIREAT', tk, at) end
  end
  expire(k, z[2])
  local count = redis.call('ZCARD', k)
  if count > maxTerms then
    local drop = redis.call('ZRANGE', k, 0, count - maxTerms - 1)
    for _, mem in ipairs(drop) do redis.call('DEL', prefix .. mem) end
    redis.call('ZREMRANGEBYRANK', k, 0, count - maxTerms - 1)
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

type WithApply = RedisClient & { twApplyBatch(numKeys: number, ...args: (string | number)[]): Promise<number> };

function withApply(redis: RedisClient): WithApply {
  if (!('twApplyBatch' in redis)) redis.defineCommand('twApplyBatch', { lua: SCRIPT });
  return redis as WithApply;
}

/**
 * The keys this worker has already given their expiry (time buckets expire at a time fixed
 * by the bucket, and only expiry removes them), so a batch sends EXPIREAT only for cells,
 * cell sketches and term lists new to it. Recorded only after a batch applied. Bounded: entries
 * past their expiry are dropped first, then everything (which only costs repeated EXPIREATs).
 */
export class ExpiryMemo {
  private readonly set = new Map<string, number>();
  private pending: [string, number][] = [];
  constructor(
    private readonly max = 500_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The expiry to send for a key: its expiry, or 0 when already sent. */
  need(key: string, expireAt: number): number {
    if (this.set.get(key) === expireAt) return 0;
    this.pending.push([key, expireAt]);
    return expireAt;
  }

  /** The batch applied: what it sent is now set in Redis. */
  commit(): void {
    for (const [k, at] of this.pending) this.set.set(k, at);
    this.pending = [];
    if (this.set.size > this.max) {
      const nowS = this.now() / 1000;
      for (const [k, at] of this.set) if (at <= nowS) this.set.delete(k);
      if (this.set.size > this.max) this.set.clear();
    }
  }

  discard(): void {
    this.pending = [];
  }

  /** Forget everything (on reconnect: a Redis that lost its data lost the expiries too). */
  clear(): void {
    this.set.clear();
    this.pending = [];
  }

  get size(): number {
    return this.set.size;
  }
}

export type ApplyOptions = {
  /** More stats increments applied with the batch (e.g. its latency bucket). */
  extraStats?: Record<string, number> | undefined;
  /** Expiries this worker already sent (see ExpiryMemo). */
  memo?: ExpiryMemo | undefined;
  /** Size each hourly term list is trimmed to (TERMS_PER_HOUR; default MAX_TERMS_PER_HOUR). */
  termsPerHour?: number | undefined;
};

/** Apply the delta once. Resolves true when applied, false when the batch was applied before. */
export async function applyDelta(
  redis: RedisClient,
  keys: TenantKeys,
  batchId: string,
  delta: Delta,
  event: unknown,
  opts: ApplyOptions = {},
): Promise<boolean> {
  const { extraStats = {}, memo, termsPerHour = MAX_TERMS_PER_HOUR } = opts;
  const keyList: string[] = [keys.batchMarker(batchId), keys.stats];
  const idx = (k: string) => keyList.push(k);
  const exp = (k: string, at: number) => (memo ? memo.need(k, at) : at);
  const c = [...delta.cells].map(([k, cell]) => [idx(k), exp(k, cell.expireAt), flat(cell.fields)]);
  // Each author hash once; sketches refer to it by its (1-based, Lua) index.
  const authors: string[] = [];
  const authorIdx = new Map<string, number>();
  const ids = (set: Set<string>) => {
    const out: number[] = [];
    for (const a of set) {
      let i = authorIdx.get(a);
      if (i === undefined) {
        i = authors.push(a);
        authorIdx.set(a, i);
      }
      out.push(i);
    }
    return out;
  };
  const h = [...delta.authorSets]
    .filter(([, cell]) => cell.authors.size > 0)
    .map(([k, cell]) => [idx(k), exp(k, cell.expireAt), ids(cell.authors)]);
  const z = [...delta.terms].map(([k, cell]) => {
    const terms: [string, number, number[]][] = [];
    for (const [term, t] of cell.terms) terms.push([term, t.n, ids(t.authors)]);
    return [idx(k), exp(k, cell.expireAt), cell.authorsPrefix, cell.expireAt, terms];
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
  const payload = JSON.stringify({ a: authors, c, h, z, n, s, ev: JSON.stringify(event) });
  let applied: number;
  try {
    applied = await withApply(redis).twApplyBatch(
      keyList.length,
      ...keyList,
      payload,
      keys.events,
      termsPerHour,
      MARKER_TTL_S,
      NARRATIVE_TTL_S,
      NARRATIVE_WORDS,
      NARRATIVES_KEPT,
    );
  } catch (err) {
    memo?.discard();
    throw err;
  }
  // Applied now, or by an earlier attempt that sent the same expiries: either way they are set.
  if (applied === 1) memo?.commit();
  else memo?.discard();
  return applied === 1;
}

function flat(m: Map<string, number>): (string | number)[] {
  const out: (string | number)[] = [];
  for (const [f, n] of m) out.push(f, n);
  return out;
}
