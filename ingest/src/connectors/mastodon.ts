import WebSocket from 'ws';
import { mapMastodonEvent, mapMastodonFrame, mastodonStatus } from '../mappers';
import { isObject, parseJson } from '../mappers/mapped';
import { Checkpoint, type ConnectorHealth, type Source, newHealth } from '../source';
import {
  type Backoff,
  DEFAULT_BACKOFF,
  HttpStatus,
  ItemQueue,
  backoffDelay,
  errorKind,
  pause,
  retryAfterMs,
} from '../transport/backoff';
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

export type MastodonOptions = {
  /** `sse` (default) or `websocket`; both fill gaps over REST after a reconnect. */
  transport?: 'sse' | 'websocket';
  backoff?: Backoff;
  gapPages?: number;
  queue?: number;
  now?: () => number;
};

/** What a transport tells the connector about one connection. */
type Connection = {
  signal: AbortSignal;
  /** Connected: fills the gap since the last status seen (REST, `min_id`). */
  opened(): Promise<void>;
  /** Data or a heartbeat arrived (resets the backoff). */
  alive(): void;
  event(event: string, data: string): void;
};

/** Per-instance status ids are numeric strings: compare by length, then lexically. */
const newer = (a: string, b: string | null) => b === null || a.length > b.length || (a.length === b.length && a > b);

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
 * Mastodon streaming over SSE or WebSocket, one or more instances at once. Heartbeats (`:` comments)
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
  const sockets = new Set<WebSocket>();
  const queue = new ItemQueue<unknown>(o.queue ?? 1000, (f) => {
    full = f;
    if (!f) {
      resume?.();
      for (const ws of sockets) ws.resume();
    }
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

  /** Tracks the newest status id seen on an instance (the gap fill starts there). */
  const track = (event: string, data: string, last: { id: string | null }) => {
    if (event === 'update' || event === 'status.update') {
      const st = parseJson(data);
      if (isObject(st) && typeof st.id === 'string' && newer(st.id, last.id)) last.id = st.id;
    }
  };

  /** One SSE connection: resolves never; throws when it ends (HttpStatus or stream_closed). */
  async function overSse(s: MastodonStream, c: Connection) {
    const headers: Record<string, string> = { Accept: 'text/event-stream' };
    if (s.token) headers.Authorization = `Bearer ${s.token}`;
    const res = await fetch(streamUrl(s), { headers, signal: c.signal });
    if (!res.ok || !res.body) throw new HttpStatus(res.status, retryAfterMs(res.headers.get('retry-after')));
    await c.opened();
    const parser = new SseParser();
    const decoder = new TextDecoder();
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      c.alive();
      for (const msg of parser.push(decoder.decode(chunk, { stream: true }))) {
        if ('comment' in msg) continue; // heartbeat
        c.event(msg.event, msg.data);
      }
      await room();
    }
    throw new Error('stream_closed');
  }

  /**
   * One WebSocket connection (`/api/v1/streaming`, then a `subscribe` message); frames are
   * `{stream, event, payload}` with the status as JSON inside the `payload` string. The
   * token goes in the Authorization header, never in the URL. When the reader is behind
   * the socket is paused (back-pressure on the TCP connection).
   */
  function overWebSocket(s: MastodonStream, c: Connection): Promise<never> {
    return new Promise<never>((_resolve, fail) => {
      const u = new URL(`${s.base.replace(/\/$/, '')}/api/v1/streaming`);
      u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
      const ws = new WebSocket(u, {
        handshakeTimeout: 10_000,
        ...(s.token ? { headers: { Authorization: `Bearer ${s.token}` } } : {}),
      });
      const abort = () => ws.terminate();
      c.signal.addEventListener('abort', abort, { once: true });
      sockets.add(ws);
      ws.on('open', () => {
        ws.send(JSON.stringify({ type: 'subscribe', stream: s.stream, ...(s.tag ? { tag: s.tag } : {}) }));
        void c.opened().catch(() => ws.terminate());
      });
      ws.on('ping', () => c.alive());
      ws.on('message', (data) => {
        c.alive();
        const frame = parseJson(data.toString());
        if (isObject(frame) && typeof frame.event === 'string' && typeof frame.payload === 'string') {
          c.event(frame.event, frame.payload);
        } else emit(mapMastodonFrame(data.toString()));
        if (full) ws.pause();
      });
      ws.on('error', () => undefined); // 'close' follows
      ws.on('unexpected-response', (_req, res) => {
        fail(new HttpStatus(res.statusCode ?? 0, retryAfterMs(String(res.headers['retry-after'] ?? '') || null)));
        ws.terminate();
      });
      ws.on('close', () => {
        sockets.delete(ws);
        c.signal.removeEventListener('abort', abort);
        fail(new Error('stream_closed'));
      });
    });
  }

  let saved: Record<string, string> = {};

  async function run(s: MastodonStream, signal: AbortSignal) {
    // The newest status id seen is a checkpoint: after a restart the gap is filled from it too.
    const key = `since:${streamUrl(s)}`;
    const last = { id: (saved[key] || null) as string | null };
    let said: string | null = last.id;
    const checkpoint = () => {
      if (last.id === null || last.id === said) return;
      said = last.id;
      queue.push(new Checkpoint({ [key]: last.id }));
    };
    let attempt = 0;
    while (!signal.aborted) {
      try {
        health.state = 'connecting';
        const c: Connection = {
          signal,
          opened: async () => {
            health.state = 'connected';
            health.connectedSince = now();
            if (last.id !== null) {
              const auth: Record<string, string> = s.token ? { Authorization: `Bearer ${s.token}` } : {};
              last.id = await fillGap(s, auth, last.id, signal);
              checkpoint();
            }
          },
          alive: () => {
            attempt = 0;
          },
          event: (event, data) => {
            track(event, data, last);
            emit(mapMastodonEvent(event, data));
            checkpoint();
          },
        };
        await ((o.transport ?? 'sse') === 'websocket' ? overWebSocket(s, c) : overSse(s, c));
      } catch (err) {
        if (signal.aborted) break;
        health.errors++;
        health.reconnects++;
        health.lastError = errorKind(err);
        health.state = 'backoff';
        await pause((err instanceof HttpStatus ? err.retryMs : null) ?? backoffDelay(attempt++, backoff), signal);
      }
    }
  }

  return {
    name: 'mastodon',
    health,
    resume(state) {
      saved = state;
    },
    items: (signal) => drainWhile(queue, health, (sig) => Promise.all(streams.map((s) => run(s, sig))), signal),
  };
}
