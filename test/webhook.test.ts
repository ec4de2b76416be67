import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BatchProducer, decodeSecret, sign, startWebhookServer, verify } from '@trendwacht/ingest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLES } from '../ingest/src/samples';
import { dropRoot, redisUrl, sealKey, testKeys, testRedis, uniqueRoot } from './helpers';

const vector = readFileSync(join(SAMPLES, 'jsonl-webhook', 'standard-webhooks-js-test-vector.ts.txt'), 'utf8');
const constant = (name: string) => new RegExp(`${name} = [\`"](.*)[\`"];`).exec(vector)?.[1] ?? '';
const SECRET = constant('defaultSecret');
const root = uniqueRoot();
const keys = testKeys(root);
const redis = testRedis();
const key = decodeSecret(`whsec_${SECRET}`);
let producer: BatchProducer;
let hook: Awaited<ReturnType<typeof startWebhookServer>>;
const nowMs = Date.now();

beforeAll(async () => {
  producer = new BatchProducer({ redisUrl: redisUrl(), keys, sealKey, highWater: 1000 });
  hook = await startWebhookServer({
    host: '127.0.0.1',
    port: 0,
    redis,
    tenants: new Map([['demo', { keys, key, producer }]]),
    highWater: 5,
    batchSize: 100,
    now: () => nowMs,
  });
});
afterAll(async () => {
  await hook.close();
  await producer.close();
  await dropRoot(redis, root);
  await redis.quit();
});

const post = (id: string, text: string) =>
  JSON.stringify({ id, text, createdAt: new Date(nowMs).toISOString(), authorKey: `a-${id}` });

async function push(body: string, opts: { id?: string; ts?: number; sig?: string; tenant?: string } = {}) {
  const id = opts.id ?? `msg_${Math.random().toString(36).slice(2)}`;
  const ts = opts.ts ?? Math.floor(nowMs / 1000);
  const res = await fetch(`${hook.url}/ingest/${opts.tenant ?? 'demo'}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-ndjson',
      'webhook-id': id,
      'webhook-timestamp': String(ts),
      'webhook-signature': opts.sig ?? sign(key, id, ts, body),
    },
    body,
  });
  return {
    status: res.status,
    body: (await res.json()) as Record<string, unknown>,
    retryAfter: res.headers.get('retry-after'),
  };
}

describe('signed webhook push (Standard Webhooks)', () => {
  it('signs and verifies the reference test vector; any change to the body breaks it', () => {
    const id = constant('defaultMsgID');
    const payload = constant('defaultPayload');
    expect(id).toMatch(/^msg_/);
    const ts = 1_700_000_000;
    const sig = sign(key, id, ts, payload);
    expect(verify(key, { id, timestamp: String(ts), signature: `v1a,xxx ${sig}` }, Buffer.from(payload), ts)).toEqual({
      ok: true,
    });
    expect(verify(key, { id, timestamp: String(ts), signature: sig }, Buffer.from(`${payload} `), ts).ok).toBe(false);
  });

  it('takes signed JSON Lines (202 with counts) and a JSON array', async () => {
    const r = await push(
      [post('1', 'Drukte op de jaarmarkt'), post('2', 'Wegenwerken in de Stationsstraat'), post('2', 'dubbel')].join(
        '\n',
      ),
    );
    expect(r).toMatchObject({ status: 202, body: { accepted: 2, duplicates: 1, rejected: 0 } });
    const arr = await push(`[${post('3', 'Nieuwe fietsstraat geopend')}]`);
    expect(arr).toMatchObject({ status: 202, body: { accepted: 1 } });
    expect(await producer.queue.count()).toBe(2);
  });

  it('rejects a wrong signature, an old timestamp and an unknown tenant; answers a replayed id without taking it again', async () => {
    const body = post('9', 'Kermis op het marktplein');
    expect((await push(body, { sig: `v1,${Buffer.alloc(32).toString('base64')}` })).status).toBe(401);
    const old = await push(body, { ts: Math.floor(nowMs / 1000) - 600 });
    expect(old).toMatchObject({
      status: 401,
      body: { error: { message: 'webhook-timestamp: outside the replay window' } },
    });
    expect((await push(body, { tenant: 'elsewhere' })).status).toBe(404);
    const before = await producer.queue.count();
    expect((await push(body, { id: 'msg_once' })).status).toBe(202);
    expect(await push(body, { id: 'msg_once' })).toMatchObject({ status: 200, body: { duplicate: true } });
    expect(await producer.queue.count()).toBe(before + 1);
    expect(await redis.hget(keys.stats, 'ingest:webhook:refused:signature')).toBe('2');
  });

  it('names bad lines with their line number and reason (400), and keeps the good ones', async () => {
    const body = [
      post('20', 'Goed bericht over de bibliotheek'),
      '{broken',
      JSON.stringify({ id: '21', text: '' }),
      post('22', 'Nog een goed bericht'),
    ].join('\n');
    const r = await push(body);
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ accepted: 2, rejected: 2 });
    expect((r.body.errors as { line: number; reason: string }[]).map((e) => [e.line, e.reason])).toEqual([
      [2, 'invalid_json'],
      [3, 'invalid_shape'],
    ]);
  });

  it('answers 429 with Retry-After while the queue is over its high-water mark', async () => {
    while ((await producer.queue.count()) < 5) await push(post(`f${Math.random()}`, 'Vullen van de wachtrij'));
    const r = await push(post('30', 'Te veel tegelijk'));
    expect(r.status).toBe(429);
    expect(r.retryAfter).toBe('5');
  });
});
