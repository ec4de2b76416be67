import { readFileSync } from 'node:fs';
import { type ClientRequest, request } from 'node:http';
import { join } from 'node:path';
import { BatchProducer, decodeSecret, sign, startWebhookServer, verify } from '@trendwacht/ingest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLES } from '../ingest/src/samples';
import { dropRoot, redisUrl, sealKey, testKeys, testRedis, uniqueRoot } from './helpers';

/** A Standard Webhooks test vector whose signature was computed with openssl, not with this code. */
const vector = JSON.parse(readFileSync(join(SAMPLES, 'jsonl-webhook', 'test-vector.json'), 'utf8')) as {
  secret: string;
  msgId: string;
  timestamp: number;
  payload: string;
  signature: string;
};
const root = uniqueRoot();
const keys = testKeys(root);
const redis = testRedis();
const key = decodeSecret(vector.secret);
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
  it('signs the test vector as openssl did and verifies it; any change to the body breaks it', () => {
    const { msgId: id, payload, timestamp: ts } = vector;
    const sig = sign(key, id, ts, payload);
    expect(sig).toBe(vector.signature);
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

  it('one invalid UTF-8 byte costs its line only; a body with nothing taken does not mark its id', async () => {
    // All lines bad: nothing taken, and the id stays free for a corrected delivery (the
    // queue is nearly at its high-water mark here, so this comes first).
    const allBad = await push('{broken', { id: 'msg_nothing' });
    expect(allBad.body).toMatchObject({ accepted: 0, rejected: 1 });
    expect(await redis.exists(`${keys.queuePrefix}:webhook:msg_nothing`)).toBe(0);
    const good = Buffer.from(`${post('40', 'Markt verplaatst naar het park')}\n`);
    const bad = Buffer.concat([Buffer.from('{"id":"41","text":"caf'), Buffer.from([0xe9]), Buffer.from('"}\n')]);
    const body = Buffer.concat([good, bad, Buffer.from(post('42', 'Café met nieuw terras'))]);
    const id = 'msg_utf8';
    const ts = Math.floor(nowMs / 1000);
    const res = await fetch(`${hook.url}/ingest/demo`, {
      method: 'POST',
      headers: { 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': sign(key, id, ts, body) },
      body,
    });
    const r = (await res.json()) as { accepted: number; errors: { line: number; reason: string; detail: string }[] };
    expect(res.status).toBe(400);
    expect(r.accepted).toBe(2);
    expect(r.errors.map((e) => [e.line, e.detail])).toEqual([[2, 'not valid UTF-8']]);
  });

  it('answers 429 with Retry-After while the queue is over its high-water mark', async () => {
    while ((await producer.queue.count()) < 5) await push(post(`f${Math.random()}`, 'Vullen van de wachtrij'));
    const r = await push(post('30', 'Te veel tegelijk'));
    expect(r.status).toBe(429);
    expect(r.retryAfter).toBe('5');
  });
});

describe('webhook uploads are refused before their body is read', () => {
  /** An upload that sends its headers and a first chunk, then holds the connection open. */
  function hold(
    url: string,
    headers: Record<string, string>,
    length: number,
  ): { req: ClientRequest; answer: Promise<number> } {
    const req = request(`${url}/ingest/demo`, {
      method: 'POST',
      headers: { ...headers, 'Content-Length': String(length) },
    });
    const answer = new Promise<number>((resolve) => {
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', () => resolve(-1));
    });
    req.write('x'.repeat(1024));
    return { req, answer };
  }
  const signedHeaders = () => {
    const id = `msg_${Math.random().toString(36).slice(2)}`;
    const ts = Math.floor(nowMs / 1000);
    return { 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': sign(key, id, ts, 'anything') };
  };

  it('answers an unsigned upload at once, without waiting for its 4 MB body', async () => {
    const { req, answer } = hold(hook.url, {}, 4 * 1024 * 1024);
    expect(await answer).toBe(401);
    req.destroy();
    const big = hold(hook.url, signedHeaders(), 6 * 1024 * 1024);
    expect(await big.answer).toBe(413);
    big.req.destroy();
  });

  it('reads at most a few uploads at once (429 unread beyond), and drops a body that never completes', async () => {
    const p = new BatchProducer({ redisUrl: redisUrl(), keys, sealKey, highWater: 1000 });
    const small = await startWebhookServer({
      host: '127.0.0.1',
      port: 0,
      redis,
      tenants: new Map([['demo', { keys, key, producer: p }]]),
      highWater: 1000,
      batchSize: 100,
      now: () => nowMs,
      maxUploads: 3,
      bodyTimeoutMs: 1500,
    });
    try {
      const held = [0, 1, 2].map(() => hold(small.url, signedHeaders(), 1024 * 1024));
      await new Promise((r) => setTimeout(r, 200));
      const extra = hold(small.url, signedHeaders(), 1024 * 1024);
      expect(await extra.answer).toBe(429);
      extra.req.destroy();
      // The held ones time out (408) and free their places.
      expect(await Promise.all(held.map((h) => h.answer))).toEqual([408, 408, 408]);
      for (const h of held) h.req.destroy();
      const after = await fetch(`${small.url}/ingest/demo`, { method: 'POST', headers: signedHeaders(), body: 'x' });
      expect(after.status).toBe(401); // read and checked (a wrong signature), not refused as busy
    } finally {
      await small.close();
      await p.close();
    }
  });
});
