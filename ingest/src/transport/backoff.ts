import { setTimeout as sleep } from 'node:timers/promises';

export type Backoff = { baseMs: number; maxMs: number };
export const DEFAULT_BACKOFF: Backoff = { baseMs: 500, maxMs: 60_000 };

/** Exponential backoff with full jitter: a random wait in [0, min(max, base·2^attempt)]. */
export function backoffDelay(attempt: number, b: Backoff = DEFAULT_BACKOFF, random = Math.random): number {
  return Math.round(random() * Math.min(b.maxMs, b.baseMs * 2 ** Math.min(attempt, 20)));
}

/** Waits, unless aborted (then resolves at once). */
export async function pause(ms: number, signal?: AbortSignal): Promise<void> {
  await sleep(ms, undefined, signal ? { signal } : {}).catch(() => undefined);
}

/** A `Retry-After` header (seconds or an HTTP date) in ms, or null. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const s = Number(header);
  if (Number.isFinite(s)) return Math.max(0, s * 1000);
  const t = Date.parse(header);
  return Number.isFinite(t) ? Math.max(0, t - now) : null;
}

/**
 * Items pushed by callbacks (WebSocket messages) read as an async iterator, with a bound:
 * past `max` waiting items the producer is told to pause (back-pressure) until drained.
 */
export class ItemQueue<T> {
  private items: T[] = [];
  private waiting: (() => void) | null = null;
  private closed = false;
  constructor(
    private readonly max: number,
    private readonly onFull: (full: boolean) => void,
  ) {}

  push(item: T): void {
    this.items.push(item);
    if (this.items.length === this.max) this.onFull(true);
    this.waiting?.();
  }

  close(): void {
    this.closed = true;
    this.waiting?.();
  }

  async *drain(): AsyncGenerator<T> {
    for (;;) {
      const next = this.items.shift();
      if (next !== undefined) {
        if (this.items.length === Math.floor(this.max / 2)) this.onFull(false);
        yield next;
        continue;
      }
      if (this.closed) return;
      await new Promise<void>((r) => {
        this.waiting = r;
      });
      this.waiting = null;
    }
  }
}

/** A refused HTTP request: its status, and how long the server asked to wait (Retry-After). */
export class HttpStatus extends Error {
  constructor(
    readonly status: number,
    readonly retryMs: number | null = null,
  ) {
    super(`http_${status}`);
  }
}

/**
 * What a connector's health says of an error: `http_<status>`, `stream_closed`, or
 * `network` — never the error's text (it may hold a URL with a token).
 */
export function errorKind(err: unknown): string {
  return err instanceof Error && /^(http_\d+|stream_closed|rules_rejected|rules_response)$/.test(err.message)
    ? err.message
    : 'network';
}
