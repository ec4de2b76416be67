import { safeMap } from '../mappers';
import { pageMessages, telegramWebPage } from '../mappers/telegram-web';
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
import { drainWhile, emitTo } from './emit';
import { USER_AGENT } from './feed-poll';

export type TelegramWebOptions = {
  /** Public channel usernames (t.me/<name>). */
  channels: readonly string[];
  /** Default https://t.me */
  base?: string;
  intervalMs?: number;
  backoff?: Backoff;
  userAgent?: string;
  now?: () => number;
};

/** About this many messages make a page of the web preview: a page of only new ones means more may wait. */
const PAGE = 20;

/**
 * Public Telegram channels through their public web preview (`/s/<channel>`), polled: the
 * cursor is the highest post number taken per channel (a checkpoint, so a restart goes on
 * from it); with a cursor the next request asks for what came after it (`?after=<n>`),
 * page after page while pages hold only new messages. The first poll of a channel takes its
 * latest page (no backfill). 429 waits for Retry-After; other failures back off with
 * jitter. No account or API key: only what anyone sees at t.me/s/<channel>.
 */
export function telegramWebSource(o: TelegramWebOptions): Source & { health: ConnectorHealth } {
  const health = newHealth(telegramWebPage.version);
  const now = o.now ?? Date.now;
  const queue = new ItemQueue<unknown>(5000, () => undefined);
  const emit = emitTo(queue, health, now);
  const base = (o.base ?? 'https://t.me').replace(/\/$/, '');
  let saved: Record<string, string> = {};

  async function page(channel: string, after: number | null, signal: AbortSignal): Promise<string> {
    const url = `${base}/s/${encodeURIComponent(channel)}${after ? `?after=${after}` : ''}`;
    const res = await fetch(url, {
      headers: { 'User-Agent': o.userAgent ?? USER_AGENT, Accept: 'text/html' },
      signal,
    });
    if (!res.ok) throw new HttpStatus(res.status, retryAfterMs(res.headers.get('retry-after')));
    return res.text();
  }

  async function poll(channel: string, signal: AbortSignal) {
    const key = `after:${channel.toLowerCase()}`;
    let after: number | null = Number(saved[key]) || null;
    let attempt = 0;
    while (!signal.aborted) {
      let wait = o.intervalMs ?? 300_000;
      try {
        for (;;) {
          const html = await page(channel, after, signal);
          const numbers = pageMessages(html).map((m) => m.n);
          const fresh = numbers.filter((n) => after === null || n > after);
          emit(safeMap(telegramWebPage, { channel, html, after }));
          health.state = 'connected';
          health.connectedSince ??= now();
          attempt = 0;
          // A page without any message: the channel does not exist, is private, or has no preview.
          if (numbers.length === 0 && after === null) health.lastError = 'no_messages';
          if (fresh.length === 0) break;
          const first = after === null;
          after = Math.max(...fresh);
          queue.push(new Checkpoint({ [key]: String(after) }));
          if (first || fresh.length < PAGE) break;
        }
      } catch (err) {
        if (signal.aborted) break;
        health.errors++;
        health.state = 'backoff';
        health.lastError = errorKind(err);
        const retry = err instanceof HttpStatus ? err.retryMs : null;
        wait = retry ?? backoffDelay(attempt++, o.backoff ?? DEFAULT_BACKOFF);
      }
      await pause(wait, signal);
    }
  }

  return {
    name: 'telegram',
    health,
    resume(state) {
      saved = state;
    },
    items: (signal) => drainWhile(queue, health, (s) => Promise.all(o.channels.map((c) => poll(c, s))), signal),
  };
}
