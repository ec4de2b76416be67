import { randomBytes } from 'node:crypto';
import { type RedisClient, connectRedis, createLogger, deleteKeys, tenantKeys } from '@trendwacht/shared/node';
import { inject } from 'vitest';

export const redisUrl = () => inject('redisUrl');

/** A unique key root per test, so tests never see each other's keys. */
export function uniqueRoot(): string {
  return `t${randomBytes(5).toString('hex')}`;
}

export function testKeys(root = uniqueRoot(), tenant = 'demo') {
  return tenantKeys(root, tenant);
}

export const sealKey = randomBytes(32);
export const quietLog = createLogger('test', 'silent');

export function testRedis(): RedisClient {
  return connectRedis(redisUrl());
}

/** Delete every key under a root (cleanup after a test). */
export function dropRoot(redis: RedisClient, root: string): Promise<void> {
  return deleteKeys(redis, `${root}:*`);
}

/** Poll until `fn` returns true, or fail after `ms`. */
export async function waitFor(fn: () => Promise<boolean> | boolean, ms = 20_000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await fn()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}
