import { redditListing, redditNewest, safeMap } from '../mappers';
import { isObject } from '../mappers/mapped';
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

/** A bearer token as is, or an app's client credentials (application-only OAuth). */
export type RedditAuth = { token: string } | { clientId: string; clientSecret: string };

export type RedditOptions = {
  subreddits: string[];
  /** Also poll each subreddit's newest comments (`/r/<sub>/comments`), where most discussion is. */
  comments?: boolean;
  auth: RedditAuth;
  /** API host (default https://oauth.reddit.com). */
  base?: string;
  /** Token endpoint (default https://www.reddit.com/api/v1/access_token). */
  tokenUrl?: string;
  intervalMs?: number;
  /** Empty polls in a row after which the `before` cursor is dropped (its post may be gone). */
  staleAfter?: number;
  backoff?: Backoff;
  userAgent?: string;
  now?: () => number;
};

const PAGE = 100;

/** The listing paths to poll: each subreddit's new posts, and its new comments when asked. */
export function listings(o: Pick<RedditOptions, 'subreddits' | 'comments'>): string[] {
  return o.subreddits.flatMap((sub) => {
    const r = `/r/${encodeURIComponent(sub)}`;
    return o.comments ? [`${r}/new`, `${r}/comments`] : [`${r}/new`];
  });
}

/**
 * Reddit's rate-limit headers, shared by all requests of one connector: when
 * `x-ratelimit-remaining` runs out, the next request waits `x-ratelimit-reset` seconds.
 */
class RateLimit {
  private until = 0;
  constructor(private readonly now: () => number) {}

  update(h: Headers): void {
    const remaining = Number(h.get('x-ratelimit-remaining'));
    const reset = Number(h.get('x-ratelimit-reset'));
    if (h.has('x-ratelimit-remaining') && Number.isFinite(remaining) && remaining < 1 && Number.isFinite(reset)) {
      this.until = Math.max(this.until, this.now() + reset * 1000);
    }
  }

  hold(ms: number): void {
    this.until = Math.max(this.until, this.now() + ms);
  }

  async wait(signal: AbortSignal): Promise<void> {
    const ms = this.until - this.now();
    if (ms > 0) await pause(ms, signal);
  }
}

/**
 * Polls `/r/<sub>/new` — and with `comments`, `/r/<sub>/comments` — (`raw_json=1`, so text
 * is not HTML-escaped) with the `before=` cursor, one cursor per listing: after the first page only posts newer than the newest seen are asked for, page
 * after page until a page is not full. OAuth bearer (a given token, or one fetched with
 * client credentials and fetched again when it expires or is refused); the rate-limit
 * headers and 429 Retry-After are honoured across all subreddits. Reddit answers an empty
 * listing forever when the cursor's post was removed, so after a few empty polls the
 * cursor is dropped (the newest page again; posts already seen count as duplicates).
 * Each listing's cursor is a checkpoint: a restarted poller goes on from it.
 */
export function redditPollSource(o: RedditOptions): Source & { health: ConnectorHealth } {
  const health = newHealth(redditListing.version);
  const now = o.now ?? Date.now;
  const queue = new ItemQueue<unknown>(5000, () => undefined);
  const emit = emitTo(queue, health, now);
  const limit = new RateLimit(now);
  const base = (o.base ?? 'https://oauth.reddit.com').replace(/\/$/, '');
  let bearer: { token: string; expiresAt: number } | null =
    'token' in o.auth ? { token: o.auth.token, expiresAt: Number.POSITIVE_INFINITY } : null;
  let fetching: Promise<string> | null = null;
  let saved: Record<string, string> = {};

  async function fetchToken(signal: AbortSignal): Promise<string> {
    if (!('clientId' in o.auth)) throw new HttpStatus(401); // a given token was refused
    const basic = Buffer.from(`${o.auth.clientId}:${o.auth.clientSecret}`).toString('base64');
    const res = await fetch(o.tokenUrl ?? 'https://www.reddit.com/api/v1/access_token', {
      method: 'POST',
      headers: {
        Authorization: `Basic ${basic}`,
        'Content-Type': 'application/x-www-form-urlencoded',
        'User-Agent': o.userAgent ?? USER_AGENT,
      },
      body: 'grant_type=client_credentials',
      signal,
    });
    if (!res.ok) throw new HttpStatus(res.status, retryAfterMs(res.headers.get('retry-after')));
    const body: unknown = await res.json();
    if (!isObject(body) || typeof body.access_token !== 'string') throw new Error('token_response');
    const ttl = typeof body.expires_in === 'number' ? body.expires_in * 1000 : 3_600_000;
    bearer = { token: body.access_token, expiresAt: now() + ttl - 60_000 };
    return bearer.token;
  }

  /** The current bearer; one token request at a time for all subreddits. */
  function token(signal: AbortSignal): Promise<string> {
    if (bearer && bearer.expiresAt > now()) return Promise.resolve(bearer.token);
    fetching ??= fetchToken(signal).finally(() => {
      fetching = null;
    });
    return fetching;
  }

  /** One page of a listing path (`/r/<sub>/new` or `/r/<sub>/comments`). */
  async function page(path: string, before: string | null, signal: AbortSignal): Promise<unknown> {
    for (let tries = 0; ; tries++) {
      await limit.wait(signal);
      const q = new URLSearchParams({ limit: String(PAGE), raw_json: '1' });
      if (before) q.set('before', before);
      const res = await fetch(`${base}${path}?${q}`, {
        headers: { Authorization: `Bearer ${await token(signal)}`, 'User-Agent': o.userAgent ?? USER_AGENT },
        signal,
      });
      limit.update(res.headers);
      if (res.status === 401 && tries === 0 && 'clientId' in o.auth) {
        bearer = null; // expired or revoked: fetch a new one once
        continue;
      }
      if (res.status === 429) {
        const wait =
          retryAfterMs(res.headers.get('retry-after')) ?? Number(res.headers.get('x-ratelimit-reset')) * 1000;
        limit.hold(Number.isFinite(wait) ? wait : 60_000);
        throw new HttpStatus(429);
      }
      if (!res.ok) throw new HttpStatus(res.status, retryAfterMs(res.headers.get('retry-after')));
      return res.json();
    }
  }

  async function poll(path: string, signal: AbortSignal) {
    let before: string | null = saved[`before:${path}`] || null;
    let empty = 0;
    let attempt = 0;
    while (!signal.aborted) {
      let wait = o.intervalMs ?? 60_000;
      try {
        for (;;) {
          const catchingUp = before !== null;
          const listing = await page(path, before, signal);
          const mapped = safeMap(redditListing, listing);
          emit(mapped);
          health.state = 'connected';
          health.connectedSince ??= now();
          attempt = 0;
          const newest = redditNewest(listing);
          if (newest) {
            before = newest;
            empty = 0;
          } else if (before && ++empty >= (o.staleAfter ?? 5)) {
            before = null;
            empty = 0;
          }
          queue.push(new Checkpoint({ [`before:${path}`]: before ?? '' }));
          if (!catchingUp || !newest || mapped.length < PAGE) break;
        }
      } catch (err) {
        if (signal.aborted) break;
        health.errors++;
        health.state = 'backoff';
        health.lastError = errorKind(err);
        const retry = err instanceof HttpStatus ? err.retryMs : null;
        wait =
          err instanceof HttpStatus && err.status === 429
            ? 0
            : (retry ?? backoffDelay(attempt++, o.backoff ?? DEFAULT_BACKOFF));
      }
      await pause(wait, signal);
    }
  }

  return {
    name: 'reddit',
    health,
    resume(state) {
      saved = state;
    },
    items: (signal) => drainWhile(queue, health, (s) => Promise.all(listings(o).map((path) => poll(path, s))), signal),
  };
}
