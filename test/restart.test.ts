import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchProducer } from '@trendwacht/ingest';
import { type Post, SealedBatchSchema } from '@trendwacht/shared';
import { persistentSealKey, unseal } from '@trendwacht/shared/node';
import { afterAll, describe, expect, it } from 'vitest';
import { sealKeyPath } from '../cli/commands/start';
import { dropRoot, redisUrl, testKeys, testRedis, uniqueRoot } from './helpers';

/**
 * Issue 22, high 3: batches queued when `npm start` stops must be read after the next
 * start. `start` takes its seal key from the data folder (`sealKeyPath`), so a new run
 * unseals what the previous one queued; a key made per run (as before) cannot.
 */
const redis = testRedis();
const dataDir = mkdtempSync(join(tmpdir(), 'tw-restart-'));
const roots: string[] = [];
afterAll(async () => {
  for (const r of roots) await dropRoot(redis, r);
  await redis.quit();
  rmSync(dataDir, { recursive: true, force: true });
});

const posts: Post[] = Array.from({ length: 300 }, (_, i) => ({
  id: `p${i}`,
  text: `Drukte op de jaarmarkt, bericht ${i}`,
  createdAt: Date.now() - i * 1000,
  source: 'replay',
  tags: [],
}));

/**
 * A run that queued batches and stopped before any worker took them; then the next run
 * takes them with its own key, as its worker would (the worker's first step is `unseal`;
 * worker-kill.test.ts covers the rest of the way to the aggregates).
 */
async function stopThenStart(firstKey: Buffer, secondKey: Buffer) {
  const root = uniqueRoot();
  roots.push(root);
  const producer = new BatchProducer({
    redisUrl: redisUrl(),
    keys: testKeys(root),
    sealKey: firstKey,
    highWater: 10_000,
  });
  try {
    for (let i = 0; i < posts.length; i += 50) await producer.send(posts.slice(i, i + 50));
    const jobs = await producer.queue.getWaiting();
    expect(jobs).toHaveLength(6);
    let read = 0;
    let failed = 0;
    for (const job of jobs) {
      try {
        read += unseal(SealedBatchSchema.parse(job.data), secondKey).length;
      } catch {
        failed++;
      }
    }
    return { failed, read };
  } finally {
    await producer.close();
  }
}

describe('a stop and start of `start` with queued batches', () => {
  it('loses nothing: the second run reads the seal key of the first from the data folder', async () => {
    const first = persistentSealKey(sealKeyPath(dataDir));
    const second = persistentSealKey(sealKeyPath(dataDir));
    const r = await stopThenStart(first, second);
    expect(r).toEqual({ failed: 0, read: posts.length });
  });

  it('(the probe) with a new key per run, no queued batch can be read (unseal_failed)', async () => {
    const r = await stopThenStart(randomBytes(32), randomBytes(32));
    expect(r).toEqual({ failed: 6, read: 0 });
  });
});
