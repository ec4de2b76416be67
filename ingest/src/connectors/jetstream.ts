import WebSocket from 'ws';
import { KeywordFilter } from '../keyword-filter';
import { jetstreamEvent, safeMap } from '../mappers';
import { isObject, parseJson } from '../mappers/mapped';
import type { Mapped } from '../mappers/mapped';
import { Checkpoint, type ConnectorHealth, FILTERED, type Source, newHealth } from '../source';
import { type Backoff, DEFAULT_BACKOFF, ItemQueue, backoffDelay, pause } from '../transport/backoff';
import { drainWhile, emitTo } from './emit';

export type JetstreamOptions = {
  /** e.g. wss://jetstream2.us-east.bsky.network */
  url: string;
  collections?: string[];
  /** Resume from here (unix µs). */
  cursorUs?: number;
  /** On reconnect, rewind this much before the highest `time_us` seen (it is not monotonic). */
  rewindUs?: number;
  /** Only posts naming one of these (places, postcodes, hashtags, phrases) are queued; the rest is counted as filtered. */
  keywords?: readonly string[];
  /** How often the highest `time_us` becomes a checkpoint (ms of the stream). */
  checkpointMs?: number;
  backoff?: Backoff;
  queue?: number;
  now?: () => number;
};

/**
 * Bluesky Jetstream (v1) over WebSocket (`/subscribe?wantedCollections=app.bsky.feed.post`:
 * the server sends only post records, not the whole firehose). Keeps the highest `time_us`
 * seen and resumes with `cursor` a few seconds before it after a reconnect — and after a
 * restart, from the checkpoint the run saved (posts read again are deduplicated by their
 * at:// id); with `keywords`, posts naming none of them are left out at the edge and
 * counted. Identity and account events are not posts; deletes are tombstones. When the
 * reader falls behind, the socket is paused (back-pressure on the TCP connection).
 */
export function jetstreamSource(o: JetstreamOptions): Source & { health: ConnectorHealth; cursor(): number | null } {
  const health = newHealth(jetstreamEvent.version);
  const now = o.now ?? Date.now;
  let highest: number | null = o.cursorUs ?? null;
  let socket: WebSocket | null = null;
  const queue = new ItemQueue<unknown>(o.queue ?? 1000, (full) => (full ? socket?.pause() : socket?.resume()));
  const emitAll = emitTo(queue, health, now);
  const filter = new KeywordFilter(o.keywords ?? []);
  const emit = (mapped: Mapped[]) => {
    const kept = mapped.filter((m) => !m.ok || filter.passes(m.post));
    for (let i = kept.length; i < mapped.length; i++) queue.push(FILTERED);
    emitAll(kept);
  };
  let checkpointAt = 0;

  function url(): string {
    const u = new URL('/subscribe', o.url);
    for (const c of o.collections ?? ['app.bsky.feed.post']) u.searchParams.append('wantedCollections', c);
    if (highest !== null) u.searchParams.set('cursor', String(Math.max(0, highest - (o.rewindUs ?? 5_000_000))));
    return u.toString();
  }

  function onMessage(data: WebSocket.RawData) {
    const json = parseJson(data.toString());
    if (isObject(json) && typeof json.time_us === 'number' && (highest === null || json.time_us > highest)) {
      highest = json.time_us;
    }
    emit(safeMap(jetstreamEvent, json));
    if (highest !== null && now() - checkpointAt >= (o.checkpointMs ?? 1000)) {
      checkpointAt = now();
      queue.push(new Checkpoint({ cursor: String(highest) }));
    }
  }

  async function run(signal: AbortSignal) {
    let attempt = 0;
    while (!signal.aborted) {
      health.state = 'connecting';
      const reason = await new Promise<string>((resolve) => {
        const ws = new WebSocket(url(), { handshakeTimeout: 10_000 });
        socket = ws;
        const abort = () => ws.terminate();
        signal.addEventListener('abort', abort, { once: true });
        ws.on('open', () => {
          attempt = 0;
          health.state = 'connected';
          health.connectedSince = now();
        });
        ws.on('message', onMessage);
        ws.on('error', () => undefined); // 'close' follows
        ws.on('unexpected-response', (_req, res) => {
          resolve(`http_${res.statusCode}`);
          ws.terminate();
        });
        ws.on('close', (code) => {
          signal.removeEventListener('abort', abort);
          resolve(`closed_${code}`);
        });
      });
      socket = null;
      if (signal.aborted) break;
      health.errors++;
      health.reconnects++;
      health.lastError = reason;
      health.state = 'backoff';
      await pause(backoffDelay(attempt++, o.backoff ?? DEFAULT_BACKOFF), signal);
    }
  }

  return {
    name: 'bluesky',
    health,
    cursor: () => highest,
    resume(state) {
      const saved = Number(state.cursor);
      if (Number.isSafeInteger(saved) && saved > 0 && (highest === null || saved > highest)) highest = saved;
    },
    items: (signal) => drainWhile(queue, health, run, signal),
  };
}
