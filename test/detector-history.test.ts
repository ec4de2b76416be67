import { ALL, BUCKET_MS, bucketStart } from '@trendwacht/shared';
import { TrendDetector } from '@trendwacht/worker';
import { afterAll, describe, expect, it } from 'vitest';
import { dropRoot, testKeys, testRedis, uniqueRoot } from './helpers';

const root = uniqueRoot();
const keys = testKeys(root);
const redis = testRedis();
afterAll(async () => {
  await dropRoot(redis, root);
  await redis.quit();
});

describe('detector history', () => {
  it('takes history imported after it started (posts with past dates) as its baseline, without a restart', async () => {
    const detector = new TrendDetector({ redis, keys, analysisVersion: 'test' });
    const now = bucketStart(Date.now(), 'hour') + 30 * BUCKET_MS.minute;
    await detector.init(now);
    await detector.tick(now);
    expect(detector.ready(now)).toBe(false);
    // An import of three past days arrives (looked for every 10 minutes) (as a CSV of last month or the demo's week would).
    const pipe = redis.pipeline();
    for (let h = bucketStart(now, 'hour') - 72 * BUCKET_MS.hour; h < bucketStart(now, 'hour'); h += BUCKET_MS.hour) {
      // As the worker folds them: hour and day cells.
      pipe.hset(keys.cell(ALL, 'hour', h), 'posts', 40);
      pipe.hincrby(keys.cell(ALL, 'day', bucketStart(h, 'day')), 'posts', 40);
    }
    await pipe.exec();
    expect(detector.ready(now + 10 * BUCKET_MS.minute)).toBe(false); // not read yet
    await detector.tick(now + 10 * BUCKET_MS.minute);
    expect(detector.ready(now + 10 * BUCKET_MS.minute)).toBe(true);
  });
});
