import { safeMap, xStreamLine } from '../mappers';
import { Checkpoint, type ConnectorHealth, type Source, newHealth } from '../source';
import {
  type Backoff,
  DEFAULT_BACKOFF,
  ItemQueue,
  backoffDelay,
  errorKind,
  pause,
  retryAfterMs,
} from '../transport/backoff';
import { drainWhile, emitTo } from './emit';
import { syncRules } from './x-rules';

export type XStreamOptions = {
  /** API base, default https://api.x.com */
  base?: string;
  /** App bearer token; sent as a header, never logged. */
  bearer: string;
  /** Rules to keep on X (tagged `trendwacht`); without them the app's rules stay as they are. */
  rules?: readonly string[];
  /**
   * Ask X to backfill what was missed (`backfill_minutes`, 1–5; Pro and Enterprise access
   * only) after a reconnect, and after a restart from the time the last post was taken;
   * the backfilled posts already queued are dropped as duplicates.
   */
  backfill?: boolean;
  backoff?: Backoff;
  now?: () => number;
};

/** `note_tweet`: the whole text of a long post (its `text` is cut at 280 characters); `entities`: hashtags. */
const FIELDS = 'tweet.fields=created_at,lang,author_id,note_tweet,entities';

/**
 * The X API v2 filtered stream: one JSON object per line, blank keep-alive lines about
 * every 20 s. A 429 waits for `x-rate-limit-reset` (or Retry-After); other drops reconnect
 * with backoff and jitter. With `rules`, the app's rules tagged `trendwacht` are made equal
 * to them before each connection (see x-rules.ts); a rejected rule stops nothing else but
 * shows as `rules_rejected` in the connector's health.
 */
export function xStreamSource(o: XStreamOptions): Source & { health: ConnectorHealth } {
  const health = newHealth(xStreamLine.version);
  const now = o.now ?? Date.now;
  const queue = new ItemQueue<unknown>(5000, () => undefined);
  const emit = emitTo(queue, health, now);

  const base = o.base ?? 'https://api.x.com';
  let synced = false;
  /** When the last post was taken (ms): the gap a backfill must cover. */
  let lastAt: number | null = null;
  const backfill = () => {
    if (!o.backfill || lastAt === null) return '';
    const minutes = Math.ceil((now() - lastAt) / 60_000);
    return minutes <= 5 ? `&backfill_minutes=${Math.max(1, minutes)}` : '&backfill_minutes=5';
  };

  async function run(signal: AbortSignal) {
    let attempt = 0;
    while (!signal.aborted) {
      let wait: number | null = null;
      try {
        health.state = 'connecting';
        if (o.rules && !synced) {
          await syncRules(base, o.bearer, o.rules, signal);
          synced = true;
        }
        const res = await fetch(`${base.replace(/\/$/, '')}/2/tweets/search/stream?${FIELDS}${backfill()}`, {
          headers: { Authorization: `Bearer ${o.bearer}` },
          signal,
        });
        if (res.status === 429) {
          const reset = Number(res.headers.get('x-rate-limit-reset'));
          wait =
            Number.isFinite(reset) && reset > 0
              ? Math.max(0, reset * 1000 - now())
              : retryAfterMs(res.headers.get('retry-after'));
          throw new Error('http_429');
        }
        if (!res.ok || !res.body) throw new Error(`http_${res.status}`);
        health.state = 'connected';
        health.connectedSince = now();
        const decoder = new TextDecoder();
        let buf = '';
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          attempt = 0;
          buf += decoder.decode(chunk, { stream: true });
          let nl = buf.indexOf('\n');
          while (nl >= 0) {
            const line = buf.slice(0, nl).trim();
            buf = buf.slice(nl + 1);
            if (line) {
              emit(safeMap(xStreamLine, line)); // blank lines are keep-alives
              lastAt = now();
              if (o.backfill) queue.push(new Checkpoint({ lastAt: String(lastAt) }));
            }
            nl = buf.indexOf('\n');
          }
        }
        throw new Error('stream_closed');
      } catch (err) {
        if (signal.aborted) break;
        health.errors++;
        health.reconnects++;
        health.state = 'backoff';
        health.lastError = errorKind(err);
        await pause(wait ?? backoffDelay(attempt++, o.backoff ?? DEFAULT_BACKOFF), signal);
      }
    }
  }

  return {
    name: 'x',
    health,
    resume(state) {
      const t = Number(state.lastAt);
      if (Number.isFinite(t) && t > 0) lastAt = t;
    },
    items: (signal) => drainWhile(queue, health, run, signal),
  };
}
