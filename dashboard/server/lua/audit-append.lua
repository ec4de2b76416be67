local head = redis.call('GET', KEYS[2]) or ''
if head ~= ARGV[1] then return 0 end
redis.call('RPUSH', KEYS[1], ARGV[2])
redis.call('SET', KEYS[2], ARGV[3])
return 1
