import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BATCH_QUEUE, tenantKeys } from '@trendwacht/shared';
import { type RedisServerHandle, connectRedis, startRedisServer } from '@trendwacht/shared/node';
import { Queue } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN } from '../cli/processes';
import { sealKey, waitFor } from './helpers';

/**
 * Issue 22 (low): `trendwacht ingest file` hung without a word, deaf to Ctrl-C, when Redis
 * went away. Now it ends within --redis-wait with an error naming Redis, and a signal ends
 * it within the grace period whatever Redis does. Each test has its own redis-server, killed
 * mid-ingest (no worker: the queue fills to its high-water mark, so ingest is mid-run).
 */
const ROOT = 'tw';
const keys = tenantKeys(ROOT, 'demo');
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

async function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'tw-ingest-cli-'));
  const server: RedisServerHandle = await startRedisServer({ dir, appendonly: false });
  cleanups.push(async () => {
    await server.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });
  const file = join(dir, 'posts.jsonl');
  const lines = Array.from({ length: 3000 }, (_, i) =>
    JSON.stringify({
      id: `r${i}`,
      text: `Rommelmarkt op zondag in de Kapelstraat, standje ${i} met oude strips`,
      createdAt: new Date(Date.now() - i * 10_000).toISOString(),
      authorKey: `verkoper-${i % 31}`,
    }),
  );
  writeFileSync(file, `${lines.join('\n')}\n`);
  return { server, file };
}

function startIngest(url: string, file: string, redisWait: number) {
  const env = {
    ...process.env,
    REDIS_URL: url,
    TRENDWACHT_KEY_PREFIX: ROOT,
    TRENDWACHT_SEAL_KEY: sealKey.toString('hex'),
    LOG_LEVEL: 'warn',
    BATCH_SIZE: '50',
    QUEUE_HIGH_WATER: '4',
  };
  const child = spawn(process.execPath, [BIN, 'ingest', 'file', file, '--quiet', '--redis-wait', String(redisWait)], {
    env,
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
  });
  const exited = new Promise<{ code: number | null; at: number }>((r) =>
    child.on('exit', (code) => r({ code, at: Date.now() })),
  );
  cleanups.push(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  return { child, exited, stderr: () => stderr };
}

/** Waits until ingest is held at the queue's high-water mark (mid-run), then kills Redis. */
async function killRedisMidRun(server: RedisServerHandle, child: ChildProcess) {
  const redis = connectRedis(server.url);
  const queue = new Queue(BATCH_QUEUE, { connection: redis, prefix: keys.queuePrefix });
  try {
    await waitFor(async () => (await queue.count()) >= 4, 30_000, 'ingest mid-run');
  } finally {
    await queue.close();
    await redis.quit();
  }
  expect(child.exitCode).toBeNull();
  server.process.kill('SIGKILL');
  return Date.now();
}

describe('ingest file when Redis goes away', () => {
  it('ends within --redis-wait with an error naming Redis (exit 1), instead of hanging', async () => {
    const { server, file } = await setup();
    const run = startIngest(server.url, file, 3);
    const killedAt = await killRedisMidRun(server, run.child);
    const { code, at } = await run.exited;
    expect(code).toBe(1);
    expect(at - killedAt).toBeLessThan(3_000 + 6_000); // the wait, and a bounded close
    expect(run.stderr()).toContain(`Redis at 127.0.0.1:${server.port} did not answer within 3 s`);
    expect(run.stderr()).toContain('Run it again when Redis answers');
  }, 60_000);

  it('exits on SIGTERM within the grace period, whatever --redis-wait says', async () => {
    const { server, file } = await setup();
    const run = startIngest(server.url, file, 600);
    await killRedisMidRun(server, run.child);
    const signalledAt = Date.now();
    run.child.kill('SIGTERM');
    const { code, at } = await run.exited;
    expect(at - signalledAt).toBeLessThan(5_000 + 6_000);
    expect(code).toBe(1);
    expect(run.stderr()).toContain('was still not answering when ingest was stopped');
  }, 60_000);
});
