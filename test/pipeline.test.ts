import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDay } from '@trendwacht/fixtures';
import { BatchProducer, jsonlSource, runIngest } from '@trendwacht/ingest';
import { ALL, BATCH_QUEUE } from '@trendwacht/shared';
import { startWorker } from '@trendwacht/worker';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { audit, needlesFrom } from '../cli/privacy-audit';
import { dropRoot, quietLog, redisUrl, sealKey, testKeys, testRedis, uniqueRoot, waitFor } from './helpers';

const root = uniqueRoot();
const keys = testKeys(root);
const redis = testRedis();
const start = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 24 * 3_600_000;
const posts = generateDay({ seed: 7, start });
const workerConfig = { keyPrefix: root, workerConcurrency: 2, workerLockMs: 30_000, workerStalledMs: 30_000 };
let accepted = 0;
let file = '';

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tw-posts-'));
  file = join(dir, 'posts.jsonl');
  // A few bad lines among the good ones: rejected with a reason, nothing else lost.
  const lines = posts.map((p) => JSON.stringify(p));
  lines.splice(100, 0, '{"id": 1, "text":', JSON.stringify({ id: 'x', text: 5, createdAt: 0 }));
  lines.push(JSON.stringify(posts[0])); // duplicate
  writeFileSync(file, `${lines.join('\n')}\n`);
  const worker = await startWorker({
    config: workerConfig,
    redisUrl: redisUrl(),
    sealKey,
    tenant: 'demo',
    log: quietLog,
  });
  const producer = new BatchProducer({ redisUrl: redisUrl(), keys, sealKey, highWater: 50 });
  const counters = await runIngest(jsonlSource(file), { send: (p) => producer.send(p), batchSize: 100, batchMs: 100 });
  accepted = counters.accepted;
  expect(counters.rejected).toEqual({ invalid_json: 1, invalid_shape: 1 });
  expect(counters.duplicates).toBe(1);
  await waitFor(
    async () => {
      const s = await redis.hgetall(keys.stats);
      const dropped = Object.entries(s)
        .filter(([f]) => f.startsWith('drop:'))
        .reduce((a, [, v]) => a + Number(v), 0);
      return Number(s.posts ?? 0) + dropped === accepted;
    },
    30_000,
    'all posts processed',
  );
  await producer.close();
  await worker.close();
});

afterAll(async () => {
  await dropRoot(redis, root);
  await redis.quit();
});

describe('the whole pipeline on a real Redis', () => {
  it('counts every accepted post exactly once in the day buckets', async () => {
    expect(accepted).toBe(posts.length);
    const stats = await redis.hgetall(keys.stats);
    let sum = 0;
    for (let d = start - 86_400_000; d <= start + 2 * 86_400_000; d += 86_400_000) {
      sum += Number((await redis.hget(keys.cell(ALL, 'day', Math.floor(d / 86_400_000) * 86_400_000), 'posts')) ?? 0);
    }
    expect(sum).toBe(Number(stats.posts));
  });

  it('counts a re-imported file once: ingest and worker restarted, every post recognised as counted', async () => {
    const before = await redis.hgetall(keys.stats);
    // New processes: an empty in-memory seen-set in ingest, a new worker.
    const worker = await startWorker({
      config: workerConfig,
      redisUrl: redisUrl(),
      sealKey,
      tenant: 'demo',
      log: quietLog,
    });
    const producer = new BatchProducer({ redisUrl: redisUrl(), keys, sealKey, highWater: 50 });
    const again = await runIngest(jsonlSource(file), { send: (p) => producer.send(p), batchSize: 100, batchMs: 100 });
    expect(again.accepted).toBe(accepted);
    await waitFor(
      async () => Number((await redis.hget(keys.stats, 'repeats')) ?? 0) === accepted,
      30_000,
      'the re-import processed',
    );
    await producer.close();
    await worker.close();
    const after = await redis.hgetall(keys.stats);
    expect(after.posts).toBe(before.posts);
    for (const [f, v] of Object.entries(before)) if (f.startsWith('drop:')) expect(after[f]).toBe(v);
  });

  it('leaves no finished job, and no job data, in the queue', async () => {
    const q = new Queue(BATCH_QUEUE, { connection: testRedis(), prefix: keys.queuePrefix });
    const counts = await q.getJobCounts('completed', 'failed', 'wait', 'active', 'delayed');
    expect(counts).toEqual({ completed: 0, failed: 0, wait: 0, active: 0, delayed: 0 });
    await q.close();
  });

  it('privacy audit: no 5-word shingle, author id or URL of the stream in Redis or its AOF', async () => {
    const needles = needlesFrom(posts);
    expect(needles.shingles.size).toBeGreaterThan(5_000);
    const aof = join(inject('redisDir'), 'appendonlydir');
    const report = await audit(redis, needles, aof);
    expect(report.keys).toBeGreaterThan(1000);
    expect(report.aofBytes).toBeGreaterThan(0);
    expect(report.findings).toEqual([]);
  });

  it('privacy audit does find a post that was stored (positive control)', async () => {
    const leak = `${root}:{demo}:leak:${randomBytes(4).toString('hex')}`;
    const victim = posts.find((p) => p.text.split(' ').length >= 8 && p.url);
    if (!victim) throw new Error('fixture without a long post with a URL');
    await redis.set(leak, `prefix ${victim.text} ${victim.authorKey} ${victim.url}`);
    const report = await audit(redis, needlesFrom(posts));
    await redis.del(leak);
    const kinds = new Set(report.findings.filter((f) => f.where.includes(leak)).map((f) => f.kind));
    expect(kinds).toEqual(new Set(['shingle', 'author', 'url']));
  });
});

describe('a batch that cannot be processed', () => {
  it('fails without retries and keeps no post text in the failure record', async () => {
    const r2 = uniqueRoot();
    const k2 = testKeys(r2);
    const worker = await startWorker({
      config: { ...workerConfig, keyPrefix: r2 },
      redisUrl: redisUrl(),
      sealKey,
      tenant: 'demo',
      log: quietLog,
    });
    // Sealed with another key: the worker can not open it.
    const producer = new BatchProducer({ redisUrl: redisUrl(), keys: k2, sealKey: randomBytes(32), highWater: 50 });
    await producer.send([
      {
        id: 'f:1',
        source: 'f',
        text: 'Een geheim bericht over de kermis in Lier vandaag',
        createdAt: Date.now(),
        authorKey: 'secret-author',
        tags: [],
      },
    ]);
    const q = producer.queue;
    await waitFor(async () => (await q.getFailedCount()) === 1, 10_000, 'job failed');
    const [job] = await q.getFailed();
    expect(job?.failedReason).toMatch(/^unseal_failed: /);
    expect(job?.attemptsMade).toBe(1);
    const record = JSON.stringify(await redis.hgetall(`${k2.queuePrefix}:${BATCH_QUEUE}:${job?.id}`));
    for (const needle of ['geheim', 'kermis', 'secret-author', 'f:1']) expect(record).not.toContain(needle);
    await worker.close();
    await producer.close();
    await dropRoot(redis, r2);
  });
});
