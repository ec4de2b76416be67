-- Counts a stream batch's own figures once (stream-batch.ts): a marker of its own, like a
-- tenant's. KEYS[1]: the batch marker, KEYS[2]: the stream's stats; ARGV[1]: the marker's
-- lifetime (s), then field, increment pairs.
if redis.call('SET', KEYS[1], '1', 'NX', 'EX', tonumber(ARGV[1])) then
  for i = 2, #ARGV, 2 do redis.call('HINCRBY', KEYS[2], ARGV[i], ARGV[i + 1]) end
end
return 1
