local old = redis.call('HGET', KEYS[1], ARGV[1])
local new = ARGV[2]
if old then
  local ok, o = pcall(cjson.decode, old)
  if ok and type(o) == 'table' and type(o.triage) == 'table' then
    new = string.sub(new, 1, -2) .. ',"triage":' .. cjson.encode(o.triage) .. '}'
  end
end
redis.call('HSET', KEYS[1], ARGV[1], new)
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
redis.call('PUBLISH', KEYS[3], ARGV[4])
return 1
