import { feedDocument, safeMap } from '../mappers';
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

export type FeedPollOptions = {
  intervalMs?: number;
  backoff?: Backoff;
  userAgent?: string;
  now?: () => number;
};

export const USER_AGENT = 'Trendwacht/0.1 (+https://github.com/trendwacht; municipal trend monitor)';

/**
 * RSS 2.0, RSS 1.0 and Atom feeds polled with conditional GET (ETag → If-None-Match,
 * Last-Modified → If-Modified-Since; a 304 costs nothing), 429/503 honoured with
 * Retry-After, other failures retried with backoff. Items already seen are dropped by the
 * ingest's seen-set (guid / id). Each feed's ETag and Last-Modified are checkpoints, so a
 * restarted poller asks conditionally from its first request.
 */
export function feedPollSource(feeds: string[], o: FeedPollOptions = {}): Source & { health: ConnectorHealth } {
  const health = newHealth(feedDocument.version);
  const now = o.now ?? Date.now;
  const queue = new ItemQueue<unknown>(5000, () => undefined);
  const emit = emitTo(queue, health, now);
  let saved: Record<string, string> = {};

  async function poll(url: string, signal: AbortSignal) {
    let etag: string | null = saved[`etag:${url}`] ?? null;
    let modified: string | null = saved[`modified:${url}`] ?? null;
    let attempt = 0;
    while (!signal.aborted) {
      let wait = o.intervalMs ?? 300_000;
      try {
        const headers: Record<string, string> = {
          'User-Agent': o.userAgent ?? USER_AGENT,
          Accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5',
        };
        if (etag) headers['If-None-Match'] = etag;
        if (modified) headers['If-Modified-Since'] = modified;
        const res = await fetch(url, { headers, signal });
        if (res.status === 429 || res.status === 503) {
          health.errors++;
          health.lastError = `http_${res.status}`;
          wait = retryAfterMs(res.headers.get('retry-after')) ?? backoffDelay(attempt++, o.backoff ?? DEFAULT_BACKOFF);
        } else if (res.status === 304) {
          attempt = 0;
          health.state = 'connected';
        } else if (!res.ok) {
          throw new Error(`http_${res.status}`);
        } else {
          attempt = 0;
          health.state = 'connected';
          health.connectedSince ??= now();
          etag = res.headers.get('etag');
          modified = res.headers.get('last-modified');
          emit(safeMap(feedDocument, await res.text()));
          queue.push(new Checkpoint({ [`etag:${url}`]: etag ?? '', [`modified:${url}`]: modified ?? '' }));
        }
      } catch (err) {
        if (signal.aborted) break;
        health.errors++;
        health.state = 'backoff';
        health.lastError = errorKind(err);
        wait = backoffDelay(attempt++, o.backoff ?? DEFAULT_BACKOFF);
      }
      await pause(wait, signal);
    }
  }

  return {
    name: 'feed',
    health,
    resume(state) {
      saved = Object.fromEntries(Object.entries(state).filter(([, v]) => v !== ''));
    },
    items: (signal) => drainWhile(queue, health, (s) => Promise.all(feeds.map((f) => poll(f, s))), signal),
  };
}
