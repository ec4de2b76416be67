import { AlertEventSchema, BatchEventSchema, SSE_EVENTS } from '@trendwacht/shared';
import type { Response } from 'express';
import type { Redis } from 'ioredis';

const HEARTBEAT_MS = 15_000;

/**
 * One Redis subscription fanned out to every open `/api/stream`. Only the batch event's
 * counts are forwarded (validated against the contract), never anything else.
 */
export class SseHub {
  private readonly clients = new Set<Response>();
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly subscriber: Redis,
    channel: string,
  ) {
    void subscriber.subscribe(channel);
    subscriber.on('message', (_ch: string, message: string) => this.onMessage(message));
    this.heartbeat = setInterval(() => this.broadcast(': heartbeat\n\n'), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  attach(res: Response): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write(`retry: 3000\nevent: ${SSE_EVENTS.hello}\ndata: {}\n\n`);
    this.clients.add(res);
    res.on('close', () => this.clients.delete(res));
  }

  get size(): number {
    return this.clients.size;
  }

  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    for (const c of this.clients) c.end();
    this.clients.clear();
    await this.subscriber.quit().catch(() => undefined);
  }

  private onMessage(message: string): void {
    let json: unknown;
    try {
      json = JSON.parse(message);
    } catch {
      return;
    }
    const alert = AlertEventSchema.safeParse(json);
    if (alert.success) {
      const { type, id, event, at } = alert.data;
      this.broadcast(`event: ${SSE_EVENTS.alert}\ndata: ${JSON.stringify({ type, id, event, at })}\n\n`);
      return;
    }
    const ev = BatchEventSchema.safeParse(json);
    if (!ev.success) return;
    const { type, tenant, posts, at } = ev.data;
    this.broadcast(`event: ${SSE_EVENTS.batch}\ndata: ${JSON.stringify({ type, tenant, posts, at })}\n\n`);
  }

  private broadcast(chunk: string): void {
    for (const c of this.clients) c.write(chunk);
  }
}
