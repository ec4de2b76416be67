import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  BatchProducer,
  type IngestCounters,
  RedisCursorStore,
  type Source,
  cursorKey,
  feedPollSource,
  ingestSeenKey,
  jsonlSource,
  runReported,
} from '@trendwacht/ingest';
import type { Post } from '@trendwacht/shared';
import { type RunningWorker, startWorker } from '@trendwacht/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayServer } from '../ingest/src/connectors/replay-server';
import { dropRoot, quietLog, redisUrl, sealKey, testKeys, testRedis, uniqueRoot, waitFor } from './helpers';

/**
 * Issue 17 item 4: a restarted connector and a file imported again count each post once —
 * ingest keeps its cursors (sealed) and the ids it queued (keyed hashes) in Redis, so a new
 * process neither asks the platform from the start nor queues a post twice.
 */
const root = uniqueRoot();
const keys = testKeys(root);
const redis = testRedis();
const dir = mkdtempSync(join(tmpdir(), 'tw-durable-'));
const workerConfig = { keyPrefix: root, workerConcurrency: 2, workerLockMs: 30_000, workerStalledMs: 30_000 };
let worker: RunningWorker;
let producer: BatchProducer;
const queued: Post[] = [];

beforeAll(async () => {
  worker = await startWorker({ config: workerConfig, redisUrl: redisUrl(), sealKey, tenant: 'demo', log: quietLog });
  producer = new BatchProducer({ redisUrl: redisUrl(), keys, sealKey, highWater: 100 });
});
afterAll(async () => {
  await producer.close();
  await worker.close();
  await dropRoot(redis, root);
  await redis.quit();
  rmSync(dir, { recursive: true, force: true });
});

const SQUARES = ['Grote Markt', 'Stationsplein', 'Kerkplein', 'Vismarkt'];
const line = (id: string, i: number) =>
  JSON.stringify({
    id,
    text: `Nieuwe fietsenstalling aan het ${SQUARES[i % 4]}, plaats ${i} is al bezet door bakfietsen`,
    createdAt: new Date(Date.now() - i * 60_000).toISOString(),
    authorKey: `buur-${i % 17}`,
  });

/** Posts the worker has taken in (counted, or dropped with a reason, or seen as counted before). */
async function processed(): Promise<{ counted: number; all: number }> {
  const s = await redis.hgetall(keys.stats);
  const drops = Object.entries(s)
    .filter(([f]) => f.startsWith('drop:'))
    .reduce((a, [, v]) => a + Number(v), 0);
  const counted = Number(s.posts ?? 0) + drops;
  return { counted, all: counted + Number(s.repeats ?? 0) };
}

/** One run of a source as `trendwacht ingest` runs it: state in Redis, every queued post noted. */
function run(source: Source, label: string, signal?: AbortSignal): Promise<IngestCounters> {
  return runReported(source, {
    label,
    redis,
    keys,
    send: async (posts) => {
      await producer.send(posts);
      queued.push(...posts);
    },
    batchSize: 25,
    batchMs: 20,
    sealKey,
    ...(signal ? { signal } : {}),
  });
}

describe('ingest state across runs (Redis)', () => {
  it('a file imported again queues nothing and leaves the counts unchanged', async () => {
    const file = join(dir, 'export.jsonl');
    writeFileSync(file, `${Array.from({ length: 120 }, (_, i) => line(`f${i}`, i)).join('\n')}\n`);
    const first = await run(jsonlSource(file), 'file');
    expect(first.accepted).toBe(120);
    await waitFor(async () => (await processed()).all === 120, 30_000, 'the first import processed');
    const before = await processed();
    const queuedBefore = queued.length;

    const again = await run(jsonlSource(file), 'file'); // a new run: an empty in-memory seen-set
    expect(again.accepted).toBe(0);
    expect(again.duplicates).toBe(120);
    expect(queued.length).toBe(queuedBefore); // not even queued: the worker never sees them again
    await sleep(500);
    expect(await processed()).toEqual(before);
    // Ids rest as 64-bit keyed hashes only (8 bytes each), in today's set, which expires.
    const today = ingestSeenKey(keys, Math.floor(Date.now() / 86_400_000));
    const members = await redis.smembersBuffer(today);
    expect(members).toHaveLength(120);
    for (const m of members) expect(m.length).toBe(8);
    expect(await redis.ttl(today)).toBeGreaterThan(86_400);
  });

  it('a restarted feed poller asks with its saved ETag and counts only the new items', async () => {
    const item = (n: number) =>
      `<item><guid>wijk-${n}</guid><title>Buurtfeest in de Molenwijk, editie ${n}</title><description>Het comité zoekt vrijwilligers voor de tombola en de barbecue ${n}.</description><pubDate>${new Date(Date.now() - n * 3_600_000).toUTCString()}</pubDate></item>`;
    const feed = (n: number) =>
      `<?xml version="1.0"?><rss version="2.0"><channel><title>Wijkkrant</title>${Array.from({ length: n }, (_, i) => item(i + 1)).join('')}</channel></rss>`;
    let phase = 1;
    let phase2Asks = 0;
    const askedWith: (string | null)[] = [];
    const server = await replayServer({
      '/wijkkrant.xml': (req, res) => {
        const inm = req.headers['if-none-match'] ?? null;
        askedWith.push(typeof inm === 'string' ? inm : null);
        // After the restart the feed is unchanged for two polls, then three items are added.
        const version = phase === 2 && ++phase2Asks > 2 ? '"v2"' : '"v1"';
        if (inm === version) return void res.writeHead(304).end();
        res.writeHead(200, { 'Content-Type': 'application/rss+xml', ETag: version });
        res.end(feed(version === '"v1"' ? 5 : 8));
      },
    });
    const url = `${server.url}/wijkkrant.xml`;
    try {
      const start = queued.length;
      const stop1 = new AbortController();
      const run1 = run(feedPollSource([url], { intervalMs: 30 }), 'wijkkrant', stop1.signal);
      const store = new RedisCursorStore(redis, keys, 'wijkkrant', sealKey);
      await waitFor(async () => (await store.load())[`etag:${url}`] === '"v1"', 10_000, 'the ETag saved');
      stop1.abort();
      expect((await run1).accepted).toBe(5);
      // The state is sealed: neither the feed's URL nor its ETag is readable at rest.
      const raw = (await redis.getBuffer(cursorKey(keys, 'wijkkrant'))) as Buffer;
      expect(raw.includes(Buffer.from('wijkkrant.xml'))).toBe(false);
      expect(raw.includes(Buffer.from('"v1"'))).toBe(false);

      phase = 2;
      const firstAsk = askedWith.length;
      const stop2 = new AbortController();
      const run2 = run(feedPollSource([url], { intervalMs: 30 }), 'wijkkrant', stop2.signal);
      await waitFor(() => queued.length - start >= 8, 10_000, 'the three new items');
      await sleep(200); // a few more polls: nothing more may come
      stop2.abort();
      const second = await run2;
      expect(askedWith[firstAsk]).toBe('"v1"'); // the restarted poller's first request is conditional
      expect(second.accepted).toBe(3);
      expect(queued.length - start).toBe(8);
      expect(new Set(queued.slice(start).map((p) => p.id)).size).toBe(8);
      await waitFor(async () => (await processed()).all === 128, 30_000, 'the feed processed');
      expect((await processed()).counted).toBe(128);
    } finally {
      await server.close();
    }
  });
});
