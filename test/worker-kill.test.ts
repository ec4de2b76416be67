import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDay } from '@trendwacht/fixtures';
import { BatchProducer, replaySource, runIngest } from '@trendwacht/ingest';
import type { RedisClient } from '@trendwacht/shared/node';
import { startWorker } from '@trendwacht/worker';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from '../cli/processes';
import { dropRoot, quietLog, redisUrl, sealKey, testKeys, testRedis, uniqueRoot, waitFor } from './helpers';

const redis = testRedis();
const posts = generateDay({
  seed: 11,
  start: Math.floor(Date.now() / 3_600_000) * 3_600_000 - 24 * 3_600_000,
  posts: 3000,
  scenario: null,
});
const roots: string[] = [];
/**
 * Hourly term lists are trimmed after every batch, so near the cap which terms survive
 * depends on the order batches arrive in (apply.test.ts shows it). Runs compared here
 * differ in order, so they keep every term: exactly-once is then checked on every count.
 */
const NO_TRIM = 100_000;
/**
 * Every run hashes authors with the same salt: a word becomes plain text once its author
 * sketch (a HyperLogLog) counts k authors, and under different salts a rare collision of two
 * authors' hashes in a sketch promotes a word in one run and not in the other.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'tw-kill-'));
const SALT = Buffer.alloc(32, 7);
function sameSalt(root: string) {
  const dir = join(dataDir, 'salts', testKeys(root).queuePrefix.replace(/[^a-z0-9_-]+/g, '_'));
  mkdirSync(dir, { recursive: true });
  // Today's and tomorrow's (a run across midnight).
  for (const ms of [Date.now(), Date.now() + 86_400_000]) {
    writeFileSync(join(dir, new Date(ms).toISOString().slice(0, 10)), SALT);
  }
}
afterAll(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  for (const r of roots) await dropRoot(redis, r);
  await redis.quit();
});

/** Queue the whole stream in batches of 20 (no worker running yet). */
async function enqueue(root: string) {
  roots.push(root);
  sameSalt(root);
  const producer = new BatchProducer({ redisUrl: redisUrl(), keys: testKeys(root), sealKey, highWater: 10_000 });
  await runIngest(replaySource(posts, { speed: Number.POSITIVE_INFINITY }), {
    send: (p) => producer.send(p),
    batchSize: 20,
    batchMs: 50,
  });
  return producer;
}

function workerProcess(root: string): ChildProcess {
  return spawn(process.execPath, [BIN, 'worker'], {
    env: {
      ...process.env,
      REDIS_URL: redisUrl(),
      TRENDWACHT_KEY_PREFIX: root,
      TRENDWACHT_SEAL_KEY: sealKey.toString('hex'),
      TRENDWACHT_DATA_DIR: dataDir,
      WORKER_CONCURRENCY: '1',
      WORKER_LOCK_MS: '2000',
      WORKER_STALLED_MS: '1000',
      TERMS_PER_HOUR: String(NO_TRIM),
      LOG_LEVEL: 'warn',
    },
    stdio: 'ignore',
  });
}

/**
 * Every counter of every cell and every term score, with the root taken out of the key.
 * Narrative series are summed instead of compared one by one: online clustering depends
 * on the order batches arrive in, so which narrative a post joins may differ between two
 * runs — but every post is counted in a narrative once, in cells and metadata alike.
 */
async function snapshot(r: RedisClient, root: string): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  let narrativeCellPosts = 0;
  for (const pattern of [`${root}:{demo}:c:*`, `${root}:{demo}:terms:*`]) {
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      for (const k of keys) {
        const name = k.slice(root.length);
        if (name.includes(':nr-')) {
          if (name.includes(':c:day:')) narrativeCellPosts += Number(await r.hget(k, 'posts'));
          continue;
        }
        if (pattern.includes(':c:')) out[name] = await r.hgetall(k);
        else if (name.endsWith(':p')) {
          // Words of fewer than k authors are kept as keyed hashes under each run's own salt
          // (salts are per key prefix): compare their counts, not their names.
          const flat = await r.zrange(k, 0, -1, 'WITHSCORES');
          out[name] = flat.filter((_, i) => i % 2 === 1).sort();
        } else out[name] = await r.zrange(k, 0, -1, 'WITHSCORES');
      }
    } while (cursor !== '0');
  }
  const stats = await r.hgetall(`${root}:{demo}:stats`);
  out.posts = stats.posts;
  let narrativeMetaPosts = 0;
  let cursor = '0';
  do {
    const [next, keys] = await r.scan(cursor, 'MATCH', `${root}:{demo}:nm:*`, 'COUNT', 1000);
    cursor = next;
    for (const k of keys) narrativeMetaPosts += Number(await r.hget(k, 'posts'));
  } while (cursor !== '0');
  expect(narrativeCellPosts).toBeGreaterThan(0);
  expect(narrativeMetaPosts).toBe(narrativeCellPosts);
  return out;
}

const done = async (producer: BatchProducer) =>
  (await producer.queue.count()) + (await producer.queue.getActiveCount()) === 0;

/** An uninterrupted run by one in-process worker: the counts every other run must equal. */
let reference: Promise<Record<string, unknown>> | null = null;
function referenceRun(): Promise<Record<string, unknown>> {
  reference ??= (async () => {
    const refRoot = uniqueRoot();
    const refProducer = await enqueue(refRoot);
    const ref = await startWorker({
      config: { keyPrefix: refRoot, workerConcurrency: 1, workerLockMs: 30_000, workerStalledMs: 30_000, dataDir },
      redisUrl: redisUrl(),
      sealKey,
      tenant: 'demo',
      log: quietLog,
      termsPerHour: NO_TRIM,
    });
    await waitFor(() => done(refProducer), 40_000, 'reference run');
    await ref.close();
    await refProducer.close();
    return snapshot(redis, refRoot);
  })();
  return reference;
}

describe('a worker killed with SIGKILL mid-stream', () => {
  it('loses no batch and double-counts none: counts equal an uninterrupted run', async () => {
    const a = await referenceRun();

    // Killed run: SIGKILL while batches are in flight, then a fresh worker finishes.
    const root = uniqueRoot();
    const producer = await enqueue(root);
    const first = workerProcess(root);
    const stats = `${root}:{demo}:stats`;
    await waitFor(async () => Number(await redis.hget(stats, 'batches')) >= 20, 30_000, 'first worker progress');
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const appliedAtKill = Number(await redis.hget(stats, 'batches'));
    expect(appliedAtKill).toBeLessThan(150);
    const second = workerProcess(root);
    try {
      await waitFor(() => done(producer), 40_000, 'second worker drains the queue');
    } finally {
      second.kill('SIGTERM');
      await new Promise((r) => second.once('exit', r));
      await producer.close();
    }
    const b = await snapshot(redis, root);
    expect(Number(a.posts)).toBe(posts.length);
    expect(b).toEqual(a);
  });
});

describe('scale-out: several worker processes on one queue', () => {
  it('share the batches of one tenant; counts equal a single worker’s, exactly once', async () => {
    const a = await referenceRun();
    const root = uniqueRoot();
    const producer = await enqueue(root);
    const workers = [workerProcess(root), workerProcess(root), workerProcess(root)];
    let most = 0;
    try {
      await waitFor(
        async () => {
          most = Math.max(most, (await producer.queue.getWorkers()).length);
          return done(producer);
        },
        60_000,
        'three workers drain the queue',
      );
    } finally {
      for (const w of workers) w.kill('SIGTERM');
      await Promise.all(workers.map((w) => new Promise((r) => (w.exitCode !== null ? r(null) : w.once('exit', r)))));
      await producer.close();
    }
    expect(most).toBe(3);
    expect(await snapshot(redis, root)).toEqual(a);
  });
});
