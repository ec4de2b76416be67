import { once } from 'node:events';
import { Cluster, Redis, type RedisOptions } from 'ioredis';

/** A connection to one Redis or to a Redis Cluster: every process works with either. */
export type RedisClient = Redis | Cluster;

/** Where to connect: `REDIS_URL`, with `?cluster=true` naming a seed node of a Redis Cluster. */
export type RedisTarget = {
  cluster: boolean;
  host: string;
  port: number;
  username: string | undefined;
  password: string | undefined;
  tls: boolean;
};

/**
 * Reads a Redis URL. `redis[s]://[user:password@]host[:port][/db][?cluster=true]`: with
 * `cluster=true` the host is one node of a cluster and the others are discovered from it.
 */
export function redisTarget(url: string): RedisTarget {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    // Never the URL itself in the message: it may hold a password.
    throw new Error('REDIS_URL: not a valid URL');
  }
  const cluster = u.searchParams.get('cluster');
  if (cluster !== null && cluster !== 'true' && cluster !== 'false') {
    throw new Error(`REDIS_URL: cluster must be true or false, not "${cluster}"`);
  }
  if (cluster === 'true' && u.pathname.length > 1 && u.pathname !== '/0') {
    throw new Error('REDIS_URL: a Redis Cluster has only database 0');
  }
  return {
    cluster: cluster === 'true',
    host: u.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1',
    port: u.port ? Number(u.port) : 6379,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    tls: u.protocol === 'rediss:',
  };
}

const reconnectDelay = (times: number) => Math.min(200 * 2 ** Math.min(times, 5), 5_000);

/**
 * A Redis connection as BullMQ needs it: `maxRetriesPerRequest: null` so commands wait
 * through a reconnect instead of failing. (No ioredis `keyPrefix`: BullMQ breaks with it.)
 * A cluster URL gives a Cluster client; every key of a tenant shares its hash tag, so a
 * batch's scripts and transactions stay in one slot.
 */
export function connectRedis(url: string, opts: RedisOptions = {}): RedisClient {
  const target = redisTarget(url);
  const options: RedisOptions = { maxRetriesPerRequest: null, enableReadyCheck: true, ...opts };
  let client: RedisClient;
  if (target.cluster) {
    const { host, port, username, password, tls } = target;
    client = new Cluster([{ host, port }], {
      redisOptions: {
        ...options,
        ...(username ? { username } : {}),
        ...(password ? { password } : {}),
        ...(tls ? { tls: {} } : {}),
      },
      enableReadyCheck: true,
      clusterRetryStrategy: reconnectDelay,
    });
  } else {
    client = new Redis(withoutClusterParam(url), { retryStrategy: reconnectDelay, ...options });
  }
  // While Redis is away every reconnect attempt emits an error; ioredis prints each one
  // unless someone listens. Commands wait and resume by themselves; processes that want to
  // report the outage add their own listener (the worker logs BullMQ's errors).
  client.on('error', () => undefined);
  return client;
}

function withoutClusterParam(url: string): string {
  if (!url.includes('cluster=')) return url;
  const u = new URL(url);
  u.searchParams.delete('cluster');
  return u.toString();
}

/**
 * The servers holding keys: the client itself, or each master of a cluster (once the
 * cluster's slot map is known: before that it would list none, and a scan would see nothing).
 */
export async function keyHolders(client: RedisClient): Promise<Redis[]> {
  if (!(client instanceof Cluster)) return [client];
  if (client.status !== 'ready') await once(client, 'ready');
  return client.nodes('master');
}

/** Every key matching a pattern, a page at a time (SCAN on each master, so Redis is never blocked). */
export async function* scanKeys(client: RedisClient, pattern = '*', count = 1000): AsyncGenerator<string[]> {
  for (const node of await keyHolders(client)) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', count);
      cursor = next;
      if (keys.length > 0) yield keys;
    } while (cursor !== '0');
  }
}

/** Deletes every key matching a pattern (SCAN, so Redis is never blocked). */
export async function deleteKeys(client: RedisClient, pattern: string): Promise<void> {
  for await (const keys of scanKeys(client, pattern)) {
    // In a cluster the keys of one page can lie in several slots: one DEL each.
    if (client instanceof Cluster) await Promise.all(keys.map((k) => client.unlink(k)));
    else await client.unlink(...keys);
  }
}
