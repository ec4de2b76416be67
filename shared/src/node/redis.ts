import { Redis, type RedisOptions } from 'ioredis';

/**
 * A Redis connection as BullMQ needs it: `maxRetriesPerRequest: null` so commands wait
 * through a reconnect instead of failing. (No ioredis `keyPrefix`: BullMQ breaks with it.)
 */
export function connectRedis(url: string, opts: RedisOptions = {}): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    retryStrategy: (times) => Math.min(200 * 2 ** Math.min(times, 5), 5_000),
    ...opts,
  });
}
