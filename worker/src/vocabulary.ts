import { MIN_K, type TenantKeys } from '@trendwacht/shared';
import type { TermHash } from './authors';

/**
 * A k-anonymous vocabulary. A term (word or pair) rests in plain text only once k distinct
 * authors used it within one salt day; until then it exists only as its keyed hash
 * (HMAC under the day's salt, authors.ts), which nobody can link to a word once the salt
 * is deleted. The plain form is written by the batch that brings the k-th author: the
 * worker sends each term with its hash, and the apply script decides in Redis, atomically
 * with the batch, which form to write (scripts are replicated by their effects, so a
 * term sent but not written never reaches the AOF). On that promotion the script moves
 * everything kept under the hash to the plain term: counts and author sketches of the
 * hourly term lists, and weights in narrative centroids.
 *
 * Keys (all under the tenant's hash tag, `<t>:v:<day>:…`, expiring at the end of the
 * next day, like the salt):
 *   known       set of terms promoted that day (yesterday's is read too)
 *   a:<hash>    author sketch of a term not yet known
 *   i:<hash>    where it rests under its hash (term lists and centroids), to promote it
 *   pending     hashes not yet known, by uses (trimmed to VOCAB_PENDING, least used first)
 * A term list's not-yet-known terms are a list beside it (`<terms key>:p`), which no reader
 * ever reads; their sketches are `<sketch prefix>#<hash>`.
 */

/** Terms awaiting their k-th author kept per day (beyond it the least used are forgotten). */
export const VOCAB_PENDING = 100_000;

/** How a batch hashes terms, and the k its vocabulary is promoted at. */
export type Vocabulary = { day: string; hash: TermHash; k: number };

const DAY_MS = 86_400_000;

/** The vocabulary's keys for a day, and the second at which they expire (end of the next day). */
export function vocabKeys(keys: TenantKeys, day: string) {
  const v = (d: string) => `${keys.queuePrefix}:v:${d}:`;
  const yesterday = new Date(Date.parse(day) - DAY_MS).toISOString().slice(0, 10);
  return {
    known: `${v(day)}known`,
    knownYesterday: `${v(yesterday)}known`,
    prefix: v(day),
    pending: `${v(day)}pending`,
    expireAt: Math.floor((Date.parse(day) + 2 * DAY_MS) / 1000),
  };
}

/** The list of a term list's not-yet-known terms (by hash). */
export const pendingTermsKey = (termsKey: string) => `${termsKey}:p`;

export const effectiveK = (k: number) => Math.max(k, MIN_K);

/**
 * Lua: decides each term's stored form (`form[i]`: the term, or `#<hash>`), promoting the
 * terms whose k-th author is in this batch. Expects `d.v` = [[hash, term, authorIdx…]…],
 * `pfadd(key, idx)` (returns 1 when the sketch changed) and KEYS[3..5] = known today,
 * known yesterday, pending; ARGV[8..11] = k, per-hash key prefix, expire-at, pending cap.
 */
export const VOCAB_LUA = `
local form = {}
local vk, vprefix, vat = tonumber(ARGV[8]), ARGV[9], tonumber(ARGV[10])
local knownT, knownY, pending = KEYS[3], KEYS[4], KEYS[5]
local function promote(h, term)
  local ik = vprefix .. 'i:' .. h
  for _, place in ipairs(redis.call('SMEMBERS', ik)) do
    local kind, a, b = string.match(place, '^(%a)\\n([^\\n]*)\\n?(.*)$')
    if kind == 'z' then
      -- a: the pending list (the plain list's key + ':p'); b: the sketch prefix.
      local n = redis.call('ZSCORE', a, h)
      if n then
        local plain, at = string.sub(a, 1, -3), redis.call('EXPIRETIME', a)
        redis.call('ZREM', a, h)
        redis.call('ZINCRBY', plain, n, term)
        local from, to = b .. '#' .. h, b .. term
        if redis.call('EXISTS', from) == 1 then
          redis.call('PFMERGE', to, from)
          redis.call('DEL', from)
        end
        if at > 0 then
          redis.call('EXPIREAT', plain, at)
          redis.call('EXPIREAT', to, at)
        end
      end
    elseif kind == 'n' then
      local n = redis.call('ZSCORE', a, '#' .. h)
      if n then
        redis.call('ZREM', a, '#' .. h)
        redis.call('ZINCRBY', a, n, term)
      end
    end
  end
  redis.call('DEL', ik, vprefix .. 'a:' .. h)
  redis.call('ZREM', pending, h)
end
for i, v in ipairs(d.v) do
  local h, term, au = v[1], v[2], v[3]
  if redis.call('SISMEMBER', knownT, term) == 1 or redis.call('SISMEMBER', knownY, term) == 1 then
    form[i] = term
  else
    local sk = vprefix .. 'a:' .. h
    local changed = #au > 0 and pfadd(sk, au) == 1
    if changed and redis.call('PFCOUNT', sk) >= vk then
      redis.call('SADD', knownT, term)
      redis.call('EXPIREAT', knownT, vat)
      promote(h, term)
      form[i] = term
    else
      if changed then redis.call('EXPIREAT', sk, vat) end
      redis.call('ZINCRBY', pending, 1, h)
      form[i] = '#' .. h
    end
  end
end
redis.call('EXPIREAT', pending, vat)
local cap = tonumber(ARGV[11])
local np = redis.call('ZCARD', pending)
if np > cap then
  for _, h in ipairs(redis.call('ZRANGE', pending, 0, np - cap - 1)) do
    redis.call('DEL', vprefix .. 'a:' .. h, vprefix .. 'i:' .. h)
  end
  redis.call('ZREMRANGEBYRANK', pending, 0, np - cap - 1)
end
-- Where a hashed term rests, so that its promotion finds it.
local function note(h, place)
  local ik = vprefix .. 'i:' .. h
  if redis.call('SADD', ik, place) == 1 then redis.call('EXPIREAT', ik, vat) end
end
`;
