import { mapMastodonEvent, mastodonStatus } from '../mappers';
import { isObject, parseJson } from '../mappers/mapped';
import { type ConnectorHealth, type Source, newHealth } from '../source';
import { type Backoff, DEFAULT_BACKOFF, ItemQueue, backoffDelay, pause, retryAfterMs } from '../transport/backoff';
import { SseParser } from '../transport/sse';
import { drainWhile, emitTo } from './emit';

export type MastodonStream = {
  /** Instance base URL, e.g. https://mastodon.social */
  base: string;
  stream: 'public' | 'public:local' | 'hashtag';
  tag?: string;
  /** User access token (read scope); sent as a bearer, never logged. */
  token?: string;
};

export type MastodonOptions = { backoff?: Backoff; gapPages?: number; queue?: number; now?: () => number };

/** Per-instance status ids are numeric strings: compare by length, then lexically. */
const newer = (a: string, b: string | null) => b === null || a.length > b.length || (a.length === b.length && a > b);

class HttpStatus extends Error {
  constructor(
    readonly status: number,
    readonly retryMs: number | null,
  ) {
    super(`http_${status}`);
  }
}

function streamUrl(s: MastodonStream): string {
  const q = s.stream === 'hashtag' ? `?tag=${encodeURIComponent(s.tag ?? '')}` : '';
  return `${s.base.replace(/\/$/, '')}/api/v1/streaming/${s.stream === 'public:local' ? 'public/local' : s.stream}${q}`;
}

function timelineUrl(s: MastodonStream, minId: string): string {
  const base = s.base.replace(/\/$/, '');
  const path = s.stream === 'hashtag' ? `tag/${encodeURIComponent(s.tag ?? '')}` : 'public';
  const local = s.stream === 'public:local' ? '&local=true' : '';
  return `${base}/api/v1/timelines/${path}?min_id=${encodeURIComponent(minId)}&limit=40${local}`;
}

/**
 * Mastodon streaming over SSE, one or more instances at once. Heartbeats (`:` comments)
 * keep the connection's health; a dropped connection is retried with backoff and jitter
 * (or the server's Retry-After), and because the stream has no event ids the gap is then
 * filled from the REST timeline with `min_id`. Posts are keyed by the status `uri`, so the
 * same status seen on two instances (or in the gap fill and the stream) counts once.
 */
export function mastodonSource(
  streams: MastodonStream[],
  o: MastodonOptions = {},
): Source & { health: ConnectorHealth } {
  const health = newHealth(mastodonStatus.version);
  const now = o.now ?? Date.now;
  const backoff = o.backoff ?? DEFAULT_BACKOFF;
  let full = false;
  let resume: (() => void) | null = null;
  const queue = new ItemQueue<unknown>(o.queue ?? 1000, (f) => {
    full = f;
    if (!f) resume?.();
  });
  /** Waits while the reader is behind (back-pressure reaches the socket). */
  const room = async () => {
    while (full) {
      await new Promise<void>((r) => {
        resume = r;
      });
    }
  };
  const emit = emitTo(queue, health, now);

  async function fillGap(s: MastodonStream, headers: Record<string, string>, since: string, signal: AbortSignal) {
    let minId = since;
    for (let page = 0; page < (o.gapPages ?? 10); page++) {
      const res = await fetch(timelineUrl(s, minId), { headers, signal });
      if (!res.ok) throw new HttpStatus(res.status, retryAfterMs(res.headers.get('retry-after')));
      const list: unknown = await res.json();
      if (!Array.isArray(list) || list.length === 0) return minId;
      for (const st of list) {
        if (isObject(st) && typeof st.id === 'string' && newer(st.id, minId)) minId = st.id;
      }
      emit(list.flatMap((st) => mastodonStatus.map(st)));
      await room();
    }
    return minId;
  }

  async function run(s: MastodonStream, signal: AbortSignal) {
    const headers: Record<string, string> = { Accept: 'text/event-stream' };
    if (s.token) headers.Authorization = `Bearer ${s.token}`;
    let lastId: string | null = null;
    let attempt = 0;
    while (!signal.aborted) {
      try {
        health.state = 'connecting';
        const res = await fetch(streamUrl(s), { headers, signal });
        if (!res.ok || !res.body) throw new HttpStatus(res.status, retryAfterMs(res.headers.get('retry-after')));
        health.state = 'connected';
        health.connectedSince = now();
        if (lastId !== null) lastId = await fillGap(s, { Authorization: headers.Authorization ?? '' }, lastId, signal);
        const parser = new SseParser();
        const decoder = new TextDecoder();
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          attempt = 0;
          for (const msg of parser.push(decoder.decode(chunk, { stream: true }))) {
            if ('comment' in msg) continue; // heartbeat
            if (msg.event === 'update' || msg.event === 'status.update') {
              const st = parseJson(msg.data);
              if (isObject(st) && typeof st.id === 'string' && newer(st.id, lastId)) lastId = st.id;
            }
            emit(mapMastodonEvent(msg.event, msg.data));
          }
          await room();
        }
        throw new Error('stream_closed');
      } catch (err) {
        if (signal.aborted) break;
        health.errors++;
        health.reconnects++;
        health.lastError =
          err instanceof HttpStatus
            ? err.message
            : err instanceof Error && err.message === 'stream_closed'
              ? 'stream_closed'
              : 'network';
        health.state = 'backoff';
        await pause((err instanceof HttpStatus ? err.retryMs : null) ?? backoffDelay(attempt++, backoff), signal);
      }
    }
  }

  return {
    name: 'mastodon',
    health,
    items: (signal) => drainWhile(queue, health, (sig) => Promise.all(streams.map((s) => run(s, sig))), signal),
  };
}
