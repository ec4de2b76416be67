import { spawn } from 'node:child_process';
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

export type CliRun = { status: number | null; stdout: string; stderr: string };

/**
 * Runs the CLI in a child process without blocking this test worker's event loop (a long
 * `spawnSync` starves vitest's own messages and fails the run with an RPC timeout).
 */
export function runCliAsync(
  bin: string,
  args: readonly string[],
  opts: { input?: string; env?: NodeJS.ProcessEnv; timeout?: number } = {},
): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    // Without `env` the child inherits this process's environment.
    const child = spawn(process.execPath, [bin, ...args], opts.env ? { env: opts.env } : {});
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    const timer = opts.timeout ? setTimeout(() => child.kill('SIGKILL'), opts.timeout) : undefined;
    child.on('error', reject);
    child.on('close', (status) => {
      if (timer) clearTimeout(timer);
      resolvePromise({ status, stdout, stderr });
    });
    child.stdin.end(opts.input ?? '');
  });
}
