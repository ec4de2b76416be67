local old = redis.call('HGET', KEYS[1], ARGV[1])
if not old then return 0 end
local ok, o = pcall(cjson.decode, old)
if not ok then return 0 end
local cut = string.find(old, ',"triage":', 1, true)
local base = old
if cut then base = string.sub(old, 1, cut - 1) .. '}' end
if ARGV[2] == '' then
  redis.call('HSET', KEYS[1], ARGV[1], base)
  redis.call('HDEL', KEYS[2], ARGV[1])
else
  redis.call('HSET', KEYS[1], ARGV[1], string.sub(base, 1, -2) .. ',"triage":' .. ARGV[2] .. '}')
  redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
end
return 1
