import { type IncomingMessage, type Server, createServer } from 'node:http';
import type { Post, TenantKeys } from '@trendwacht/shared';
import type { RedisClient } from '@trendwacht/shared/node';
import { normalisePostInput } from '../post-input';
import type { BatchProducer } from '../producer';
import { type Verdict, verify } from './signature';

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
  now?: () => number;
};

const IDEMPOTENCY_S = 86_400;
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

function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) {
        reject(new HttpFailure(413, `body: larger than ${max} bytes`));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** A JSON array of posts, or JSON Lines: each item with its line number (1-based). */
function items(body: Buffer): { line: number; value: unknown; error?: string }[] {
  const text = body.toString('utf8');
  if (text.includes('\uFFFD')) return [{ line: 1, value: undefined, error: 'body: not valid UTF-8' }];
  const trimmed = text.trimStart();
  if (trimmed.startsWith('[')) {
    try {
      const arr: unknown = JSON.parse(trimmed);
      if (Array.isArray(arr)) return arr.map((value, i) => ({ line: i + 1, value }));
    } catch {
      return [{ line: 1, value: undefined, error: 'body: not a JSON array' }];
    }
  }
  return text
    .split('\n')
    .map((l, i) => ({ line: i + 1, raw: l }))
    .filter((x) => x.raw.trim())
    .map(({ line, raw }) => {
      try {
        return { line, value: JSON.parse(raw) as unknown };
      } catch {
        return { line, value: undefined, error: 'not valid JSON' };
      }
    });
}

/**
 * Signed webhook push: `POST /ingest/:tenant` with JSON Lines or a JSON array of posts,
 * signed with the tenant's secret per Standard Webhooks. 202 with counts; 400 naming the
 * bad lines (the good ones are taken); 401 for a missing or wrong signature or a timestamp
 * outside the replay window; 429 while the tenant's queue is over its high-water mark; a
 * repeated `webhook-id` is answered 200 without taking anything again.
 */
export async function startWebhookServer(
  o: WebhookOptions,
): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const now = o.now ?? Date.now;
  async function handle(req: IncomingMessage) {
    const m = /^\/ingest\/([a-z0-9][a-z0-9_-]{0,62})\/?$/.exec((req.url ?? '').split('?')[0] ?? '');
    if (req.method !== 'POST' || !m?.[1]) throw new HttpFailure(404, 'POST /ingest/<tenant>');
    const t = o.tenants.get(m[1]);
    if (!t) throw new HttpFailure(404, 'no such tenant');
    const body = await readBody(req, o.maxBodyBytes ?? 5 * 1024 * 1024);
    const h = (name: string) => (typeof req.headers[name] === 'string' ? (req.headers[name] as string) : undefined);
    const id = h('webhook-id');
    const verdict: Verdict = verify(
      t.key,
      { id, timestamp: h('webhook-timestamp'), signature: h('webhook-signature') },
      body,
      Math.floor(now() / 1000),
    );
    if (!verdict.ok) {
      await o.redis.hincrby(t.keys.stats, 'ingest:webhook:refused:signature', 1);
      throw new HttpFailure(401, verdict.reason);
    }
    const marker = `${t.keys.queuePrefix}:webhook:${String(id).slice(0, 200)}`;
    const duplicate = { status: 200, body: { duplicate: true, accepted: 0 } };
    if (await o.redis.exists(marker)) {
      await o.redis.hincrby(t.keys.stats, 'ingest:webhook:duplicate_delivery', 1);
      return duplicate;
    }
    // Busy: refuse before taking anything (and before marking the id, so the retry is taken).
    if ((await t.producer.queue.count()) >= o.highWater) {
      await o.redis.hincrby(t.keys.stats, 'ingest:webhook:refused:busy', 1);
      throw new HttpFailure(429, 'busy: the queue is full, retry later', { 'Retry-After': '5' });
    }
    if ((await o.redis.set(marker, '1', 'EX', IDEMPOTENCY_S, 'NX')) === null) return duplicate;
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
    for (let i = 0; i < posts.length; i += o.batchSize) await t.producer.send(posts.slice(i, i + o.batchSize));
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
          res
            .writeHead(f.status, { 'Content-Type': 'application/json', ...f.headers })
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
