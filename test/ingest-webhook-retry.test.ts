import { type Server, type Socket, connect, createServer } from 'node:net';
import { BatchProducer, decodeSecret, sign, startWebhookServer } from '@trendwacht/ingest';
import { type RunningWorker, startWorker } from '@trendwacht/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropRoot, quietLog, redisUrl, sealKey, testKeys, testRedis, uniqueRoot, waitFor } from './helpers';

/**
 * Issue 17 item 4: the webhook records a delivery's id only once its batches are queued.
 * The queue's Redis connection goes through a TCP relay the test can cut, so one request's
 * enqueue fails for real: it must be answered non-2xx, and the sender's retry of the same
 * delivery must be taken and counted once.
 */
const root = uniqueRoot();
const keys = testKeys(root);
const redis = testRedis();
const key = decodeSecret(`whsec_${Buffer.from('sleutel-voor-de-wijkwebhook-test').toString('base64')}`);
const workerConfig = { keyPrefix: root, workerConcurrency: 1, workerLockMs: 30_000, workerStalledMs: 30_000 };

/**
 * A TCP relay to Redis: `cut()` drops every connection and refuses new ones until `mend()`;
 * `cutAt(text)` cuts when a command carrying that text comes by (it never reaches Redis).
 */
async function relay(target: URL) {
  const sockets = new Set<Socket>();
  let open = true;
  let trigger: string | null = null;
  const cut = () => {
    open = false;
    for (const s of sockets) s.destroy();
  };
  const server: Server = createServer((client) => {
    if (!open) return void client.destroy();
    const upstream = connect(Number(target.port), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.on('data', (chunk: Buffer) => {
      if (trigger && chunk.includes(trigger)) {
        trigger = null;
        return cut();
      }
      upstream.write(chunk);
    });
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `redis://127.0.0.1:${port}`,
    cut,
    cutAt(text: string) {
      trigger = text;
    },
    mend() {
      open = true;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

let proxy: Awaited<ReturnType<typeof relay>>;
let producer: BatchProducer;
let hook: Awaited<ReturnType<typeof startWebhookServer>>;
let worker: RunningWorker;

beforeAll(async () => {
  proxy = await relay(new URL(redisUrl()));
  producer = new BatchProducer({ redisUrl: proxy.url, keys, sealKey, highWater: 1000 });
  hook = await startWebhookServer({
    host: '127.0.0.1',
    port: 0,
    redis,
    tenants: new Map([['demo', { keys, key, producer }]]),
    highWater: 1000,
    batchSize: 10,
    enqueueWaitMs: 1_000,
  });
  worker = await startWorker({ config: workerConfig, redisUrl: redisUrl(), sealKey, tenant: 'demo', log: quietLog });
});
afterAll(async () => {
  await hook.close();
  await worker.close();
  await producer.close();
  await proxy.close();
  await dropRoot(redis, root);
  await redis.quit();
});

const body = Array.from({ length: 25 }, (_, i) =>
  JSON.stringify({
    id: `melding-${i}`,
    text: `Melding ${i}: de straatverlichting in de Populierenlaan is weer stuk`,
    createdAt: new Date(Date.now() - i * 30_000).toISOString(),
    authorKey: `melder-${i % 9}`,
  }),
).join('\n');

async function deliver(id: string) {
  const ts = Math.floor(Date.now() / 1000);
  const res = await fetch(`${hook.url}/ingest/demo`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-ndjson',
      'webhook-id': id,
      'webhook-timestamp': String(ts),
      'webhook-signature': sign(key, id, ts, body),
    },
    body,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function processed(): Promise<number> {
  const s = await redis.hgetall(keys.stats);
  return Object.entries(s)
    .filter(([f]) => f === 'posts' || f === 'repeats' || f.startsWith('drop:'))
    .reduce((a, [, v]) => a + Number(v), 0);
}

describe('a webhook delivery whose enqueue fails', () => {
  it('is answered non-2xx without recording its id; the retry is taken and each post counted once', async () => {
    await producer.queue.count(); // connected through the relay
    // Redis goes away while the delivery's first batch is being queued (a sealed batch on the wire).
    proxy.cutAt('sealedAt');
    const failed = await deliver('msg_wijk_1');
    expect(failed.status).toBe(503);
    expect(await redis.exists(`${keys.queuePrefix}:webhook:msg_wijk_1`)).toBe(0);

    proxy.mend();
    // The sender retries the same delivery (same webhook-id) until it is taken.
    let retry = await deliver('msg_wijk_1');
    for (let i = 0; i < 20 && retry.status !== 202; i++) retry = await deliver('msg_wijk_1');
    expect(retry).toEqual({ status: 202, body: { accepted: 25, duplicates: 0, rejected: 0 } });
    expect(await redis.get(`${keys.queuePrefix}:webhook:msg_wijk_1`)).toBe('1');

    // Taken once: a further retry is a duplicate delivery.
    expect((await deliver('msg_wijk_1')).body).toEqual({ duplicate: true, accepted: 0 });
    await waitFor(async () => Number((await redis.hget(keys.stats, 'posts')) ?? 0) === 25, 30_000, 'counted');
    await new Promise((r) => setTimeout(r, 1500)); // a late copy of the failed enqueue, if any, is processed by now
    expect(Number(await redis.hget(keys.stats, 'posts'))).toBe(25);
    expect(await processed()).toBeGreaterThanOrEqual(25);
    expect(Number(await redis.hget(keys.stats, 'ingest:webhook:refused:enqueue'))).toBeGreaterThanOrEqual(1);
  });

  it('is answered 503 at once when the queue cannot even be asked its depth', async () => {
    proxy.cut();
    try {
      const r = await deliver('msg_wijk_2');
      expect(r.status).toBe(503);
      expect(await redis.exists(`${keys.queuePrefix}:webhook:msg_wijk_2`)).toBe(0);
    } finally {
      proxy.mend();
    }
  });
});
