import { type IncomingMessage, type Server, createServer } from 'node:http';
import type { Post, TenantKeys } from '@trendwacht/shared';
import type { RedisClient } from '@trendwacht/shared/node';
import { normalisePostInput } from '../post-input';
import type { BatchProducer } from '../producer';
import { type Verdict, checkHeaders, verify } from './signature';

export type WebhookTenant = { keys: TenantKeys; key: Buffer; producer: BatchProducer };

export type WebhookOptions = {
  host: string;
  port: number;
  redis: RedisClient;
  tenants: Map<string, WebhookTenant>;
  /** Refuse (429) while this many batches wait in the tenant's queue. */
  highWater: number;
  batchSize: number;
  maxBodyBytes?: number;
  /** Uploads read at once, over all tenants and per tenant; more are refused (429) unread. */
  maxUploads?: number;
  maxUploadsPerTenant?: number;
  /** A body not complete within this time is refused (408): a slow sender holds no memory long. */
  bodyTimeoutMs?: number;
  /** How long a request waits for its batches to be queued before answering 503 (default 10 s). */
  enqueueWaitMs?: number;
  now?: () => number;
};

export const WEBHOOK_LIMITS = {
  maxBodyBytes: 5 * 1024 * 1024,
  maxUploads: 8,
  maxUploadsPerTenant: 4,
  bodyTimeoutMs: 30_000,
};

const IDEMPOTENCY_S = 86_400;
/** How long an id stays claimed while its batches are queued (a crashed request frees it after this). */
const PENDING_S = 300;
/** How long one request waits for the queue before answering 503 (senders time out too). */
const ENQUEUE_WAIT_MS = 10_000;
const MAX_LINES_REPORTED = 100;

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

function readBody(req: IncomingMessage, max: number, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const fail = (f: HttpFailure) => {
      clearTimeout(timer);
      chunks.length = 0; // release what was read at once
      req.removeAllListeners('data');
      req.pause(); // read no more; the answer closes the connection
      reject(f);
    };
    const timer = setTimeout(() => fail(new HttpFailure(408, 'body: not complete in time')), timeoutMs);
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) return fail(new HttpFailure(413, `body: larger than ${max} bytes`));
      chunks.push(c);
    });
    req.on('end', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks));
    });
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
/** Bytes as UTF-8 text, or null when they are not valid UTF-8 (a lone byte rejects its line only). */
function decode(bytes: Buffer): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

/** A JSON array of posts, or JSON Lines: each item with its line number (1-based). */
function items(body: Buffer): { line: number; value: unknown; error?: string }[] {
  const start = body.findIndex((b) => b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09);
  if (start >= 0 && body[start] === 0x5b /* [ */) {
    const text = decode(body);
    if (text === null) return [{ line: 1, value: undefined, error: 'body: not valid UTF-8' }];
    try {
      const arr: unknown = JSON.parse(text);
      if (Array.isArray(arr)) return arr.map((value, i) => ({ line: i + 1, value }));
    } catch {
      return [{ line: 1, value: undefined, error: 'body: not a JSON array' }];
    }
  }
  // JSON Lines: each line decoded on its own, so one bad byte costs its line, not the body.
  const out: { line: number; value: unknown; error?: string }[] = [];
  let from = 0;
  for (let line = 1; from <= body.length; line++) {
    const nl = body.indexOf(0x0a, from);
    const end = nl === -1 ? body.length : nl;
    const raw = decode(body.subarray(from, end));
    from = end + 1;
    if (raw === null) out.push({ line, value: undefined, error: 'not valid UTF-8' });
    else if (raw.trim()) {
      try {
        out.push({ line, value: JSON.parse(raw) as unknown });
      } catch {
        out.push({ line, value: undefined, error: 'not valid JSON' });
      }
    }
    if (nl === -1) break;
  }
  return out;
}

/**
 * Signed webhook push: `POST /ingest/:tenant` with JSON Lines or a JSON array of posts,
 * signed with the tenant's secret per Standard Webhooks. 202 with counts; 400 naming the
 * bad lines (the good ones are taken); 401 for a missing or wrong signature or a timestamp
 * outside the replay window; 429 while the tenant's queue is over its high-water mark; 503
 * when its batches could not be queued (nothing recorded: the retry is taken); 409 while
 * the same `webhook-id` is being taken by another request; a `webhook-id` already taken is
 * answered 200 without taking anything again.
 */
export async function startWebhookServer(
  o: WebhookOptions,
): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const now = o.now ?? Date.now;
  const limits = { ...WEBHOOK_LIMITS, ...definedOnly(o) };
  let uploads = 0;
  const perTenant = new Map<string, number>();
  async function handle(req: IncomingMessage) {
    const m = /^\/ingest\/([a-z0-9][a-z0-9_-]{0,62})\/?$/.exec((req.url ?? '').split('?')[0] ?? '');
    if (req.method !== 'POST' || !m?.[1]) throw new HttpFailure(404, 'POST /ingest/<tenant>');
    const tenant = m[1];
    const t = o.tenants.get(tenant);
    if (!t) throw new HttpFailure(404, 'no such tenant');
    const h = (name: string) => (typeof req.headers[name] === 'string' ? (req.headers[name] as string) : undefined);
    const headers = { id: h('webhook-id'), timestamp: h('webhook-timestamp'), signature: h('webhook-signature') };
    // Everything that can be refused is refused before a byte of the body is read.
    const head = checkHeaders(headers, Math.floor(now() / 1000));
    if (!head.ok) {
      await o.redis.hincrby(t.keys.stats, 'ingest:webhook:refused:signature', 1);
      throw new HttpFailure(401, head.reason);
    }
    if (Number(req.headers['content-length'] ?? 0) > limits.maxBodyBytes) {
      throw new HttpFailure(413, `body: larger than ${limits.maxBodyBytes} bytes`);
    }
    if (uploads >= limits.maxUploads || (perTenant.get(tenant) ?? 0) >= limits.maxUploadsPerTenant) {
      await o.redis.hincrby(t.keys.stats, 'ingest:webhook:refused:uploads', 1);
      throw new HttpFailure(429, 'busy: too many uploads at once, retry later', { 'Retry-After': '1' });
    }
    uploads++;
    perTenant.set(tenant, (perTenant.get(tenant) ?? 0) + 1);
    try {
      return await take(req, t, headers);
    } finally {
      uploads--;
      perTenant.set(tenant, (perTenant.get(tenant) ?? 1) - 1);
    }
  }
  async function take(
    req: IncomingMessage,
    t: WebhookTenant,
    headers: { id: string | undefined; timestamp: string | undefined; signature: string | undefined },
  ) {
    const body = await readBody(req, limits.maxBodyBytes, limits.bodyTimeoutMs);
    const id = headers.id;
    const verdict: Verdict = verify(t.key, headers, body, Math.floor(now() / 1000));
    if (!verdict.ok) {
      await o.redis.hincrby(t.keys.stats, 'ingest:webhook:refused:signature', 1);
      throw new HttpFailure(401, verdict.reason);
    }
    const marker = `${t.keys.queuePrefix}:webhook:${String(id).slice(0, 200)}`;
    const duplicate = { status: 200, body: { duplicate: true, accepted: 0 } };
    const inProgress = () =>
      new HttpFailure(409, 'this webhook-id is being taken by another request, retry later', { 'Retry-After': '5' });
    const known = await o.redis.get(marker);
    if (known === 'pending') throw inProgress();
    if (known !== null) {
      await o.redis.hincrby(t.keys.stats, 'ingest:webhook:duplicate_delivery', 1);
      return duplicate;
    }
    const waitMs = o.enqueueWaitMs ?? ENQUEUE_WAIT_MS;
    const unavailable = async () => {
      await o.redis.hincrby(t.keys.stats, 'ingest:webhook:refused:enqueue', 1).catch(() => undefined);
      return new HttpFailure(503, 'the queue is unavailable: nothing recorded, retry later', { 'Retry-After': '5' });
    };
    const depth = await t.producer.depth({ waitMs }).catch(() => null);
    if (depth === null) throw await unavailable();
    // Busy: refuse before taking anything (and before claiming the id, so the retry is taken).
    if (depth >= o.highWater) {
      await o.redis.hincrby(t.keys.stats, 'ingest:webhook:refused:busy', 1);
      throw new HttpFailure(429, 'busy: the queue is full, retry later', { 'Retry-After': '5' });
    }
    // The id is claimed while its batches are queued and recorded only once they are: a
    // failed enqueue frees it, so the sender's retry is taken (and counted once: ids of
    // posts already queued are recognised downstream).
    if ((await o.redis.set(marker, 'pending', 'EX', PENDING_S, 'NX')) === null) throw inProgress();
    const posts: Post[] = [];
    const seen = new Set<string>();
    const bad: { line: number; reason: string; detail: string }[] = [];
    let duplicates = 0;
    for (const it of items(body)) {
      const r = it.error
        ? { ok: false as const, reason: 'invalid_json', detail: it.error }
        : normalisePostInput(it.value, 'webhook', now());
      if (!r.ok) bad.push({ line: it.line, reason: r.reason, detail: r.detail });
      else if (seen.has(r.post.id)) duplicates++;
      else {
        seen.add(r.post.id);
        posts.push(r.post);
      }
    }
    try {
      for (let i = 0; i < posts.length; i += o.batchSize) {
        await t.producer.send(posts.slice(i, i + o.batchSize), { waitMs });
      }
    } catch {
      await o.redis.del(marker).catch(() => undefined);
      throw await unavailable();
    }
    // Nothing taken: the id stays free, so a corrected delivery is not answered as a duplicate.
    if (posts.length === 0) await o.redis.del(marker);
    else await o.redis.set(marker, '1', 'EX', IDEMPOTENCY_S);
    const pipe = o.redis.pipeline();
    pipe.hincrby(t.keys.stats, 'ingest:webhook:accepted', posts.length);
    if (duplicates) pipe.hincrby(t.keys.stats, 'ingest:webhook:duplicate', duplicates);
    for (const b of bad) pipe.hincrby(t.keys.stats, `ingest:webhook:rejected:${b.reason}`, 1);
    await pipe.exec();
    const counts = { accepted: posts.length, duplicates, rejected: bad.length };
    if (bad.length > 0) return { status: 400, body: { ...counts, errors: bad.slice(0, MAX_LINES_REPORTED) } };
    return { status: 202, body: counts };
  }
  const server = createServer((req, res) => {
    handle(req).then(
      (r) => res.writeHead(r.status, { 'Content-Type': 'application/json' }).end(JSON.stringify(r.body)),
      (err: unknown) => {
        const f = err instanceof HttpFailure ? err : new HttpFailure(500, 'internal error');
        if (!res.headersSent) {
          // Refused unread: close the connection rather than read the rest of the body.
          const close = req.complete ? {} : { Connection: 'close' };
          res
            .writeHead(f.status, { 'Content-Type': 'application/json', ...close, ...f.headers })
            .end(JSON.stringify({ error: { code: String(f.status), message: f.message } }));
        }
      },
    );
  });
  await new Promise<void>((r) => server.listen(o.port, o.host, () => r()));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : o.port;
  return {
    url: `http://${o.host}:${port}`,
    server,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** The limits a caller set (undefined ones keep their defaults). */
function definedOnly(o: WebhookOptions): Partial<typeof WEBHOOK_LIMITS> {
  const out: Partial<typeof WEBHOOK_LIMITS> = {};
  for (const k of Object.keys(WEBHOOK_LIMITS) as (keyof typeof WEBHOOK_LIMITS)[]) {
    if (o[k] !== undefined) out[k] = o[k];
  }
  return out;
}
