import { type RunningDashboard, startDashboard } from '@trendwacht/dashboard';
import { generateDay } from '@trendwacht/fixtures';
import { BatchProducer, replaySource, runIngest } from '@trendwacht/ingest';
import { startWorker } from '@trendwacht/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropRoot, quietLog, redisUrl, sealKey, testKeys, testRedis, uniqueRoot, waitFor } from './helpers';
import { sampleAlert, seedAlert } from './seed';
import { testUser } from './test-dashboard';

const root = uniqueRoot();
const keys = testKeys(root);
const redis = testRedis();
const posts = generateDay({ seed: 5, start: Date.now() - 3_600_000, posts: 500, scenario: null });
let dash: RunningDashboard;

beforeAll(async () => {
  await testUser(redis, root, 'demo', 'admin');
  await seedAlert(redis, keys, sampleAlert('al-m1', { severity: 'high' }));
  const worker = await startWorker({
    config: { keyPrefix: root, workerConcurrency: 2, workerLockMs: 30_000, workerStalledMs: 30_000 },
    redisUrl: redisUrl(),
    sealKey,
    tenant: 'demo',
    log: quietLog,
    detector: false,
  });
  const producer = new BatchProducer({ redisUrl: redisUrl(), keys, sealKey, highWater: 100 });
  await runIngest(replaySource(posts, { speed: Number.POSITIVE_INFINITY }), {
    send: (p) => producer.send(p),
    batchSize: 50,
    batchMs: 50,
  });
  await waitFor(async () => Number(await redis.hget(keys.stats, 'posts')) >= posts.length, 30_000, 'all posts');
  await producer.close();
  await worker.close();
  dash = await startDashboard({
    redisUrl: redisUrl(),
    keyPrefix: root,
    host: '127.0.0.1',
    port: 0,
    metricsToken: 'scrape-token-0123456789',
  });
});
afterAll(async () => {
  await dash.close();
  await dropRoot(redis, root);
  await redis.quit();
});

const value = (text: string, line: string) => {
  const m = text.split('\n').find((l) => l.startsWith(`${line} `));
  return m === undefined ? undefined : Number(m.slice(line.length + 1));
};

describe('/metrics', () => {
  it('needs its token', async () => {
    expect((await fetch(new URL('/metrics', dash.url))).status).toBe(403);
    const wrong = await fetch(new URL('/metrics', dash.url), { headers: { Authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(403);
  });

  it('exposes queue depth, posts, batches, latency histogram and open alerts per tenant, read from Redis', async () => {
    const res = await fetch(new URL('/metrics', dash.url), {
      headers: { Authorization: 'Bearer scrape-token-0123456789' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await res.text();
    expect(value(text, 'trendwacht_posts_processed_total{tenant="demo"}')).toBe(posts.length);
    const batches = value(text, 'trendwacht_batches_applied_total{tenant="demo"}') ?? 0;
    expect(batches).toBe(Math.ceil(posts.length / 50));
    expect(value(text, 'trendwacht_batch_latency_seconds_count{tenant="demo"}')).toBe(batches);
    expect(value(text, 'trendwacht_batch_latency_seconds_bucket{tenant="demo",le="+Inf"}')).toBe(batches);
    expect(value(text, 'trendwacht_queue_jobs{tenant="demo",state="waiting"}')).toBe(0);
    expect(value(text, 'trendwacht_alerts_open{tenant="demo",severity="high"}')).toBe(1);
    expect(text).toMatch(/^trendwacht_dashboard_process_resident_memory_bytes /m);
    // Nothing but numbers and ids: no post text.
    for (const p of posts.slice(0, 50)) expect(text).not.toContain(p.text.slice(0, 30));
  });
});
