local form = {}
local vk, vprefix, vat = tonumber(ARGV[8]), ARGV[9], tonumber(ARGV[10])
local knownT, knownY, pending = KEYS[3], KEYS[4], KEYS[5]
-- Where a hashed term rests (w:<hash>; i:<hash> before, a set: a new name, so that no key of the old
-- type is ever read as a hash) is a small hash (a listpack, where a set of strings would be
-- a hash table), its fields the places' keys without the tenant's root (ARGV[15]): 'z' .. the
-- pending list .. '\n' .. the sketch prefix, or 'n' .. a centroid.
local vroot = ARGV[15]
local function promote(h, term)
  local ik = vprefix .. 'w:' .. h
  for _, place in ipairs(redis.call('HKEYS', ik)) do
    local kind, a, b = string.match(place, '^(%a)([^\n]*)\n?(.*)$')
    a = vroot .. a
    if b ~= '' then b = vroot .. b end
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
-- V: each term's hash, the term, its author count and authors. Whether a term is known (today,
-- else yesterday) is asked in one SMISMEMBER a set for the whole batch.
local terms, starts = {}, {}
local p = 1
while p <= #V do
  terms[#terms + 1] = V[p + 1]
  starts[#starts + 1] = p
  p = p + 3 + V[p + 2]
end
local function smismember(k, list)
  local out = {}
  for i = 1, #list, 1000 do
    for _, r in ipairs(redis.call('SMISMEMBER', k, unpack(list, i, math.min(i + 999, #list)))) do
      out[#out + 1] = r
    end
  end
  return out
end
local known = smismember(knownT, terms)
local ask, askAt = {}, {}
for i = 1, #terms do
  if known[i] == 0 then
    ask[#ask + 1] = terms[i]
    askAt[#askAt + 1] = i
  end
end
for j, r in ipairs(smismember(knownY, ask)) do known[askAt[j]] = r end
for i, term in ipairs(terms) do
  if known[i] == 1 then
    form[i] = term
  else
    local at = starts[i]
    local h, na = V[at], V[at + 2]
    local sk = vprefix .. 'a:' .. h
    local changed = na > 0 and pfadd(sk, V, at + 3, na) == 1
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
    redis.call('DEL', vprefix .. 'a:' .. h, vprefix .. 'w:' .. h)
  end
  redis.call('ZREMRANGEBYRANK', pending, 0, np - cap - 1)
end
-- Where a hashed term rests, so that its promotion finds it.
local function note(h, place)
  local ik = vprefix .. 'w:' .. h
  if redis.call('HSETNX', ik, place, 1) == 1 then redis.call('EXPIREAT', ik, vat) end
end
