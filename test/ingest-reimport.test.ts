import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BATCH_QUEUE } from '@trendwacht/shared';
import { Queue } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from '../cli/processes';
import { dropRoot, redisUrl, runCliAsync, sealKey, testKeys, testRedis, uniqueRoot } from './helpers';

/**
 * Issue 17 (the tester's case): the same Telegram export imported twice with
 * `trendwacht ingest telegram` — two processes, no memory shared — queues its posts once.
 */
const root = uniqueRoot();
const keys = testKeys(root);
const redis = testRedis();
const dir = mkdtempSync(join(tmpdir(), 'tw-reimport-'));
afterAll(async () => {
  await dropRoot(redis, root);
  await redis.quit();
  rmSync(dir, { recursive: true, force: true });
});

const base = Math.floor(Date.now() / 1000) - 3600;
const exportFile = {
  name: 'Buurtgroep Oost',
  type: 'public_supergroup',
  id: 4242,
  messages: [
    { id: 1, type: 'service', date_unixtime: String(base), action: 'create_group', text: '' },
    ...Array.from({ length: 60 }, (_, i) => ({
      id: i + 2,
      type: 'message',
      date: new Date((base + i * 30) * 1000).toISOString().slice(0, 19),
      date_unixtime: String(base + i * 30),
      from: `Buur ${i % 12}`,
      from_id: `user${1000 + (i % 12)}`,
      text:
        i % 3 === 0
          ? [
              { type: 'plain', text: `Wie heeft er nog een ladder te leen? (${i}) ` },
              { type: 'hashtag', text: '#oost' },
            ]
          : `De containerpark-uren veranderen vanaf maandag (${i})`,
    })),
  ],
};

describe('a Telegram export imported twice', () => {
  it('queues its posts once: the second import finds every one already queued', async () => {
    const file = join(dir, 'result.json');
    writeFileSync(file, JSON.stringify(exportFile));
    const env = {
      ...process.env,
      REDIS_URL: redisUrl(),
      TRENDWACHT_KEY_PREFIX: root,
      TRENDWACHT_SEAL_KEY: sealKey.toString('hex'),
      LOG_LEVEL: 'warn',
    };
    const queue = new Queue(BATCH_QUEUE, { connection: { url: redisUrl() }, prefix: keys.queuePrefix });
    try {
      const first = await runCliAsync(BIN, ['ingest', 'telegram', file], { env, timeout: 60_000 });
      expect(first.status).toBe(0);
      const jobs = await queue.count();
      expect(jobs).toBeGreaterThan(0);
      const again = await runCliAsync(BIN, ['ingest', 'telegram', file], { env, timeout: 60_000 });
      expect(again.status).toBe(0);
      expect(await queue.count()).toBe(jobs); // nothing queued the second time
      expect(await redis.hgetall(keys.stats)).toMatchObject({
        'ingest:telegram:accepted': '60',
        'ingest:telegram:duplicate': '60',
        'ingest:telegram:rejected:not_a_post': '2',
      });
    } finally {
      await queue.close();
    }
  }, 120_000);
});
