import { Redis, type RedisOptions } from 'ioredis';

/**
 * A Redis connection as BullMQ needs it: `maxRetriesPerRequest: null` so commands wait
 * through a reconnect instead of failing. (No ioredis `keyPrefix`: BullMQ breaks with it.)
 */
export function connectRedis(url: string, opts: RedisOptions = {}): Redis {
  const redis = new Redis(url, {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    retryStrategy: (times) => Math.min(200 * 2 ** Math.min(times, 5), 5_000),
    ...opts,
  });
  // While Redis is away every reconnect attempt emits an error; ioredis prints each one
  // unless someone listens. Commands wait and resume by themselves; processes that want to
  // report the outage add their own listener (the worker logs BullMQ's errors).
  redis.on('error', () => undefined);
  return redis;
}

/** Deletes every key matching a pattern (SCAN, so Redis is never blocked). */
export async function deleteKeys(redis: Redis, pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
}
