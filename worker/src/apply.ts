import type { TenantKeys } from '@trendwacht/shared';
import type { RedisClient } from '@trendwacht/shared/node';
import { type Delta, MAX_TERMS_PER_HOUR } from './aggregate';
import type { ExpiryMemo } from './expiry-memo';
import { SEEN_TTL_S, SeenRace, seenKey } from './seen-posts';
import { VOCAB_LUA, VOCAB_PENDING, effectiveK, pendingTermsKey, vocabKeys } from './vocabulary';

export { ExpiryMemo } from './expiry-memo';

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
-- Posts counted meanwhile by another worker (seen-posts.ts): nothing is written, the worker filters again.
local seenKey, P = KEYS[6], d.p
for i = 1, #P, 500 do
  local part = {}
  for j = i, math.min(i + 499, #P) do part[#part + 1] = P[j] end
  for _, sc in ipairs(redis.call('ZMSCORE', seenKey, unpack(part))) do
    if sc then return -1 end
  end
end
-- Author hashes are sent once per batch (d.a); sketches name them by index.
local A = d.a
local function pfadd(k, idx)
  local changed = 0
  for i = 1, #idx, 500 do
    local args = {}
    for j = i, math.min(i + 499, #idx) do args[#args + 1] = A[idx[j]] end
    if redis.call('PFADD', k, unpack(args)) == 1 then changed = 1 end
  end
  return changed
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
${VOCAB_LUA}
local maxTerms = tonumber(ARGV[3])
local function trim(k, prefix, keep, mark)
  local count = redis.call('ZCARD', k)
  if count > keep then
    local drop = redis.call('ZRANGE', k, 0, count - keep - 1)
    for _, mem in ipairs(drop) do redis.call('DEL', prefix .. mark .. mem) end
    redis.call('ZREMRANGEBYRANK', k, 0, count - keep - 1)
  end
end
for _, z in ipairs(d.z) do
  local k, prefix, at, pk = KEYS[z[1]], z[3], z[4], z[6]
  local pendingUsed = false
  for _, t in ipairs(z[5]) do
    local term, n = form[t[1]], t[2]
    local tk = prefix .. term
    pfadd(tk, t[3])
    if string.sub(term, 1, 1) == '#' then
      -- Not yet used by k authors: counted under its hash in the list beside, which no reader reads.
      local h = string.sub(term, 2)
      if tonumber(redis.call('ZINCRBY', pk, n, h)) == n then
        redis.call('EXPIREAT', tk, at)
        note(h, 'z\\n' .. pk .. '\\n' .. prefix)
      end
      pendingUsed = true
    elseif tonumber(redis.call('ZINCRBY', k, n, term)) == n then
      -- A term new to the list has a new sketch: it expires with the list (and is deleted
      -- with it when trimmed), so its expiry is sent once.
      redis.call('EXPIREAT', tk, at)
      redis.call('EXPIREAT', k, at)
    end
  end
  expire(k, z[2])
  trim(k, prefix, maxTerms, '')
  if pendingUsed then
    redis.call('EXPIREAT', pk, at)
    -- Most terms of an hour are still pending (one or two authors): trimmed at the plain
    -- list's size, a phrase lost its early uses before its k-th author (issue 18).
    trim(pk, prefix, 4 * maxTerms, '#')
  end
end
local ttl = tonumber(ARGV[5])
local maxWords = tonumber(ARGV[6])
for _, n in ipairs(d.n) do
  local ck, mk, byPosts, byLast = KEYS[n[1]], KEYS[n[2]], KEYS[n[3]], KEYS[n[4]]
  local id, posts, first, last = n[5], n[6], n[7], n[8]
  local w = n[11]
  for i = 1, #w, 2 do
    -- A word not yet used by k authors weighs in under its hash (promote() renames it).
    local f = form[w[i]]
    redis.call('ZINCRBY', ck, w[i + 1], f)
    if string.sub(f, 1, 1) == '#' then note(string.sub(f, 2), 'n\\n' .. ck) end
  end
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
if #P > 0 then
  local nowMs, seenTtl = tonumber(ARGV[12]), tonumber(ARGV[13])
  for i = 1, #P, 500 do
    local args = {}
    for j = i, math.min(i + 499, #P) do
      args[#args + 1] = nowMs
      args[#args + 1] = P[j]
    end
    redis.call('ZADD', seenKey, unpack(args))
  end
  redis.call('ZREMRANGEBYSCORE', seenKey, '-inf', nowMs - seenTtl * 1000)
  redis.call('EXPIRE', seenKey, seenTtl)
end
redis.call('SET', KEYS[1], '1', 'EX', tonumber(ARGV[4]))
redis.call('PUBLISH', ARGV[2], d.ev)
return 1
`;

type WithApply = RedisClient & { twApplyBatch(numKeys: number, ...args: (string | number)[]): Promise<number> };

function withApply(redis: RedisClient): WithApply {
  if (!('twApplyBatch' in redis)) redis.defineCommand('twApplyBatch', { lua: SCRIPT });
  return redis as WithApply;
}

export type ApplyOptions = {
  /** More stats increments applied with the batch (e.g. its latency bucket). */
  extraStats?: Record<string, number> | undefined;
  /** Expiries this worker already sent (see ExpiryMemo). */
  memo?: ExpiryMemo | undefined;
  /** Size each hourly term list is trimmed to (TERMS_PER_HOUR; default MAX_TERMS_PER_HOUR). */
  termsPerHour?: number | undefined;
  /** When the batch's posts count as seen (ms; default now). */
  now?: number | undefined;
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
  const vocabulary = delta.vocabulary;
  if (!vocabulary && delta.vocab.size > 0) throw new Error('vocabulary_missing');
  const vk = vocabKeys(keys, vocabulary?.day ?? '1970-01-02');
  const keyList: string[] = [
    keys.batchMarker(batchId),
    keys.stats,
    vk.known,
    vk.knownYesterday,
    vk.pending,
    seenKey(keys),
  ];
  const idx = (k: string) => keyList.push(k);
  // Expiries this call sends, recorded in the memo once applied (its own list: batches of
  // several tenants and queues are applied concurrently).
  const sent: [string, number][] = [];
  const exp = (k: string, at: number) => {
    if (memo?.sent(k, at)) return 0;
    sent.push([k, at]);
    return at;
  };
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
  // Every term of the batch once, with its hash and authors: the script decides its form.
  const v: [string, string, number[]][] = [];
  const termIdx = new Map<string, number>();
  for (const [term, who] of delta.vocab) {
    termIdx.set(term, v.push([vocabulary?.hash(term) ?? '', term, ids(who)]));
  }
  const ti = (term: string) => {
    const i = termIdx.get(term);
    if (i === undefined) throw new Error('term_not_in_vocabulary');
    return i;
  };
  const z = [...delta.terms].map(([k, cell]) => {
    const terms: [number, number, number[]][] = [];
    for (const [term, t] of cell.terms) terms.push([ti(term), t.n, ids(t.authors)]);
    return [idx(k), exp(k, cell.expireAt), cell.authorsPrefix, cell.expireAt, terms, pendingTermsKey(k)];
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
    [...nd.words].flatMap(([w, c]) => [ti(w), c]),
  ]);
  const s: (string | number)[] = ['posts', delta.posts, 'batches', 1];
  for (const [reason, n] of Object.entries(delta.dropped)) s.push(`drop:${reason}`, n);
  for (const [field, n] of Object.entries(extraStats)) s.push(field, n);
  // The terms (d.v) go last: a slow-log entry keeps only an argument's first 128 bytes.
  const payload = JSON.stringify({ a: authors, c, h, z, n, s, ev: JSON.stringify(event), p: delta.seen, v });
  const applied = await withApply(redis).twApplyBatch(
    keyList.length,
    ...keyList,
    payload,
    keys.events,
    termsPerHour,
    MARKER_TTL_S,
    NARRATIVE_TTL_S,
    NARRATIVE_WORDS,
    NARRATIVES_KEPT,
    effectiveK(vocabulary?.k ?? 0),
    vk.prefix,
    vk.expireAt,
    VOCAB_PENDING,
    opts.now ?? Date.now(),
    SEEN_TTL_S,
  );
  if (applied === -1) throw new SeenRace('posts_seen_meanwhile');
  // Applied now: the expiries are set.
  if (applied === 1) memo?.record(sent);
  return applied === 1;
}

function flat(m: Map<string, number>): (string | number)[] {
  const out: (string | number)[] = [];
  for (const [f, n] of m) out.push(f, n);
  return out;
}
