import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRedisServer } from '@trendwacht/shared/node';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
    redisDir: string;
  }
}

/** One private redis-server for the whole run, on a free loopback port; tests use unique prefixes. */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'tw-redis-'));
  const redis = await startRedisServer({ dir, appendonly: true });
  project.provide('redisUrl', redis.url);
  project.provide('redisDir', dir);
  return async () => {
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
