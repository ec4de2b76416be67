import { AlertEventSchema, BatchEventSchema, SSE_EVENTS } from '@trendwacht/shared';
import type { RedisClient } from '@trendwacht/shared/node';
import type { Response } from 'express';

const HEARTBEAT_MS = 15_000;
/**
 * Streams one session (or one user's API tokens) and one user may hold open. A browser
 * needs one per tab; beyond these the oldest stream of the holder is closed, so one
 * account can never exhaust the server's file descriptors for every tenant (issue 22).
 */
export const SSE_LIMITS = { perHolder: 6, perUser: 20 };

/** Who holds a stream: the session (or token) and the user. */
export type StreamHolder = { holder: string; user: string };

/**
 * Redis pub/sub fanned out to open streams, one channel per tenant: a browser receives
 * only its tenant's events. Only the contract's fields (counts, ids) are forwarded.
 */
export class SseHub {
  private readonly clients = new Map<string, Set<Response>>();
  /** Open streams by holder and by user, oldest first. */
  private readonly byHolder = new Map<string, Response[]>();
  private readonly byUser = new Map<string, Response[]>();
  private readonly heartbeat: NodeJS.Timeout;

  constructor(private readonly subscriber: RedisClient) {
    subscriber.on('message', (channel: string, message: string) => this.onMessage(channel, message));
    this.heartbeat = setInterval(() => {
      for (const set of this.clients.values()) for (const c of set) c.write(': heartbeat\n\n');
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  async attach(res: Response, channel: string, who?: StreamHolder): Promise<void> {
    if (who) {
      this.track(this.byHolder, who.holder, res, SSE_LIMITS.perHolder);
      this.track(this.byUser, who.user, res, SSE_LIMITS.perUser);
    }
    let set = this.clients.get(channel);
    if (!set) {
      set = new Set();
      this.clients.set(channel, set);
      await this.subscriber.subscribe(channel);
    }
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write(`retry: 3000\nevent: ${SSE_EVENTS.hello}\ndata: {}\n\n`);
    set.add(res);
    res.on('close', () => {
      set.delete(res);
      if (set.size === 0 && this.clients.get(channel) === set) {
        this.clients.delete(channel);
        void this.subscriber.unsubscribe(channel).catch(() => undefined);
      }
    });
  }

  /** Remember a holder's stream; close its oldest beyond the limit. */
  private track(index: Map<string, Response[]>, key: string, res: Response, limit: number): void {
    const list = index.get(key) ?? [];
    index.set(key, list);
    list.push(res);
    while (list.length > limit) list.shift()?.end();
    res.on('close', () => {
      const at = list.indexOf(res);
      if (at >= 0) list.splice(at, 1);
      if (list.length === 0 && index.get(key) === list) index.delete(key);
    });
  }

  get size(): number {
    let n = 0;
    for (const set of this.clients.values()) n += set.size;
    return n;
  }

  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    for (const set of this.clients.values()) for (const c of set) c.end();
    this.clients.clear();
    await this.subscriber.quit().catch(() => undefined);
  }

  private onMessage(channel: string, message: string): void {
    const set = this.clients.get(channel);
    if (!set) return;
    let json: unknown;
    try {
      json = JSON.parse(message);
    } catch {
      return;
    }
    let chunk: string | null = null;
    const alert = AlertEventSchema.safeParse(json);
    if (alert.success) {
      const { type, id, event, at } = alert.data;
      chunk = `event: ${SSE_EVENTS.alert}\ndata: ${JSON.stringify({ type, id, event, at })}\n\n`;
    } else {
      const ev = BatchEventSchema.safeParse(json);
      if (ev.success) {
        const { type, tenant, posts, at, sealedAt, batchId } = ev.data;
        const data = JSON.stringify({ type, tenant, posts, at, sealedAt, batchId });
        chunk = `event: ${SSE_EVENTS.batch}\ndata: ${data}\n\n`;
      }
    }
    if (chunk) for (const c of set) c.write(chunk);
  }
}
