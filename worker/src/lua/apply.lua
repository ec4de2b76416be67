-- Applies a batch's whole delta and its idempotency marker atomically (apply.ts); a batch
-- whose marker exists changes nothing. Every key it touches is in KEYS and shares the
-- tenant's hash tag, except the per-term sketches and counted-post hashes whose names it
-- derives from a passed prefix (same hash tag, so same slot in a Redis Cluster).
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
local d = cjson.decode(ARGV[1])
-- Posts counted meanwhile by another worker (seen-posts.ts): nothing is written, the worker filters again.
-- d.p: each post's slot (bucket: 3 hex characters, then its integer member); ARGV[12], ARGV[13]: this
-- period's and the last one's key prefix. Marked as they are checked (SADD: one call for both); on a post
-- counted before, the marks are taken back.
local P, seenNow, seenBefore, seenAt = d.p, ARGV[12], ARGV[13], tonumber(ARGV[14])
-- d.pe: the buckets this worker has not yet given their expiry (ExpiryMemo); the others have it.
local needsExpiry = {}
for _, b in ipairs(d.pe) do needsExpiry[b] = true end
for i, s in ipairs(P) do
  local b, m = string.sub(s, 1, 3), string.sub(s, 4)
  if redis.call('SISMEMBER', seenBefore .. b, m) == 1 or redis.call('SADD', seenNow .. b, m) == 0 then
    for j = 1, i - 1 do redis.call('SREM', seenNow .. string.sub(P[j], 1, 3), string.sub(P[j], 4)) end
    return -1
  end
  -- Each period's sets expire SEEN_TTL_S after it ends (NX: set once).
  if needsExpiry[b] then
    redis.call('EXPIREAT', seenNow .. b, seenAt, 'NX')
    needsExpiry[b] = nil
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
--@include vocabulary
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
        note(h, 'z' .. string.sub(pk, #vroot + 1) .. '\n' .. string.sub(prefix, #vroot + 1))
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
    if string.sub(f, 1, 1) == '#' then note(string.sub(f, 2), 'n' .. string.sub(ck, #vroot + 1)) end
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
redis.call('SET', KEYS[1], '1', 'EX', tonumber(ARGV[4]))
redis.call('PUBLISH', ARGV[2], d.ev)
return 1
