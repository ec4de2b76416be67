-- Applies a batch's whole delta and its idempotency marker atomically (apply.ts); a batch
-- whose marker exists changes nothing. Every key it touches is in KEYS and shares the
-- tenant's hash tag, except the per-term sketches and counted-post hashes whose names it
-- derives from a passed prefix (same hash tag, so same slot in a Redis Cluster).
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
-- The payload (ARGV[1]): flat MessagePack arrays, in this order (apply.ts writes them).
local A, P, PE, C, H, V, Z, N, S, ev = cmsgpack.unpack(ARGV[1])
local sub, unpack = string.sub, unpack
-- Posts counted meanwhile by another worker (seen-posts.ts): nothing is written, the worker filters again.
-- P: each post's slot as bucket (3 hex characters) and member (an integer); ARGV[12], ARGV[13]: this
-- period's and the last one's key prefix. Marked as they are checked (SADD: one call for both); on a post
-- counted before, the marks are taken back.
local seenNow, seenBefore, seenAt = ARGV[12], ARGV[13], ARGV[14]
-- PE: the buckets this worker has not yet given their expiry (ExpiryMemo); the others have it.
local needsExpiry = {}
for _, b in ipairs(PE) do needsExpiry[b] = true end
for i = 1, #P, 2 do
  local b, m = P[i], P[i + 1]
  if redis.call('SISMEMBER', seenBefore .. b, m) == 1 or redis.call('SADD', seenNow .. b, m) == 0 then
    for j = 1, i - 2, 2 do redis.call('SREM', seenNow .. P[j], P[j + 1]) end
    return -1
  end
  -- Each period's sets expire SEEN_TTL_S after it ends (NX: set once).
  if needsExpiry[b] then
    redis.call('EXPIREAT', seenNow .. b, seenAt, 'NX')
    needsExpiry[b] = nil
  end
end
-- Author hashes are sent once per batch (A); sketches name them by number: t[from .. from + n - 1].
local args = {}
local function pfadd(k, t, from, n)
  local changed = 0
  local last = from + n - 1
  for i = from, last, 500 do
    local m = 0
    for j = i, math.min(i + 499, last) do
      m = m + 1
      args[m] = A[t[j]]
    end
    if redis.call('PFADD', k, unpack(args, 1, m)) == 1 then changed = 1 end
  end
  return changed
end
-- An expiry of 0: this worker already gave the key its expiry (see ExpiryMemo).
local function expire(k, at)
  if at ~= 0 then redis.call('EXPIREAT', k, at) end
end
-- Cells: key, expiry, field count, then fields and increments. A cell's fields are read
-- and written in one call each (HMGET, HSET) rather than one HINCRBY a field.
local i = 1
while i <= #C do
  local k, at, nf = KEYS[C[i]], C[i + 1], C[i + 2]
  local fields = {}
  for j = 1, nf do fields[j] = C[i + 1 + 2 * j] end
  local old = redis.call('HMGET', k, unpack(fields))
  local set = {}
  for j = 1, nf do
    set[2 * j - 1] = fields[j]
    set[2 * j] = (tonumber(old[j]) or 0) + C[i + 2 + 2 * j]
  end
  redis.call('HSET', k, unpack(set))
  expire(k, at)
  i = i + 3 + 2 * nf
end
-- Author sketches: key, expiry, author count, authors.
i = 1
while i <= #H do
  local k, n = KEYS[H[i]], H[i + 2]
  pfadd(k, H, i + 3, n)
  expire(k, H[i + 1])
  i = i + 3 + n
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
-- Term lists: key, expiry (0: sent before), sketch prefix, expiry, pending list, term count, then
-- each term's number (in V), count (a string, as ZINCRBY answers) and authors.
i = 1
while i <= #Z do
  local k, at0, prefix, at, pk, nt = KEYS[Z[i]], Z[i + 1], Z[i + 2], Z[i + 3], Z[i + 4], Z[i + 5]
  i = i + 6
  local pendingUsed, fresh, place = false, false, nil
  for _ = 1, nt do
    local term, n, na = form[Z[i]], Z[i + 1], Z[i + 2]
    local tk = prefix .. term
    pfadd(tk, Z, i + 3, na)
    i = i + 3 + na
    if sub(term, 1, 1) == '#' then
      -- Not yet used by k authors: counted under its hash in the list beside, which no reader reads.
      local h = sub(term, 2)
      if redis.call('ZINCRBY', pk, n, h) == n then
        redis.call('EXPIREAT', tk, at)
        place = place or ('z' .. sub(pk, #vroot + 1) .. '\n' .. sub(prefix, #vroot + 1))
        note(h, place)
      end
      pendingUsed = true
    elseif redis.call('ZINCRBY', k, n, term) == n then
      -- A term new to the list has a new sketch: it expires with the list (and is deleted
      -- with it when trimmed), so its expiry is sent once.
      redis.call('EXPIREAT', tk, at)
      fresh = true
    end
  end
  -- The list's expiry: when a term is new to it, or when this worker has not sent it yet.
  if fresh or at0 ~= 0 then redis.call('EXPIREAT', k, at) end
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
local registries = {}
-- Narratives: their centroid, metadata and two registries (KEYS), id, posts, first, last,
-- parent, theme, word count, then words (their numbers in V) and weights.
i = 1
while i <= #N do
  local ck, mk, byPosts, byLast = KEYS[N[i]], KEYS[N[i + 1]], KEYS[N[i + 2]], KEYS[N[i + 3]]
  local id, posts, first, last, parent, theme, nw =
    N[i + 4], N[i + 5], N[i + 6], N[i + 7], N[i + 8], N[i + 9], N[i + 10]
  i = i + 11
  for _ = 1, nw do
    -- A word not yet used by k authors weighs in under its hash (promote() renames it).
    local f = form[N[i]]
    redis.call('ZINCRBY', ck, N[i + 1], f)
    if sub(f, 1, 1) == '#' then note(sub(f, 2), 'n' .. sub(ck, #vroot + 1)) end
    i = i + 2
  end
  redis.call('ZREMRANGEBYRANK', ck, 0, -(maxWords + 1))
  redis.call('EXPIRE', ck, ttl)
  -- Metadata read and written in one call each: theme and parent set once, posts summed,
  -- first and last widened (the same fields, in the same order, as one command each wrote them).
  local m = redis.call('HMGET', mk, 'theme', 'posts', 'first', 'last', 'parent', 'mergedInto')
  local set = {}
  local function put(field, v)
    set[#set + 1] = field
    set[#set + 1] = v
  end
  if not m[1] then put('theme', theme) end
  put('posts', (tonumber(m[2]) or 0) + posts)
  local f = tonumber(m[3] or '0')
  if f == 0 or first < f then put('first', first) end
  if last > tonumber(m[4] or '0') then put('last', last) end
  if parent ~= '' and not m[5] then put('parent', parent) end
  redis.call('HSET', mk, unpack(set))
  redis.call('EXPIRE', mk, ttl)
  if not m[6] then
    redis.call('ZINCRBY', byPosts, posts, id)
    redis.call('ZADD', byLast, 'GT', last, id)
    registries[byPosts], registries[byLast] = true, true
  end
end
-- Each registry trimmed and given its expiry once (scores only grow and a narrative comes once a
-- batch: the same members stay as when trimmed after each narrative).
for r in pairs(registries) do
  redis.call('ZREMRANGEBYRANK', r, 0, -(tonumber(ARGV[7]) + 1))
  redis.call('EXPIRE', r, ttl)
end
for j = 1, #S, 2 do redis.call('HINCRBY', KEYS[2], S[j], S[j + 1]) end
redis.call('SET', KEYS[1], '1', 'EX', tonumber(ARGV[4]))
redis.call('PUBLISH', ARGV[2], ev)
return 1
