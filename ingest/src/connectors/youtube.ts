import { safeMap } from '../mappers';
import { isObject } from '../mappers/mapped';
import { commentTime, pageComments, youtubeCommentPage } from '../mappers/youtube';
import { Checkpoint, type ConnectorHealth, type Source, newHealth } from '../source';
import {
  type Backoff,
  DEFAULT_BACKOFF,
  HttpStatus,
  ItemQueue,
  backoffDelay,
  errorKind,
  pause,
} from '../transport/backoff';
import { drainWhile, emitTo } from './emit';
import { USER_AGENT } from './feed-poll';

export type YoutubeOptions = {
  /** Channel ids: comment threads on all the channel's videos (`allThreadsRelatedToChannelId`). */
  channels: readonly string[];
  /** Video ids (`videoId`). */
  videos: readonly string[];
  /** API key; sent as the `key` parameter, never logged. */
  key: string;
  /** Default https://www.googleapis.com */
  base?: string;
  intervalMs?: number;
  /** Units this source may spend per Pacific day (one page costs 1). */
  dailyQuota?: number;
  /** Pages per target and poll while catching up. */
  maxPages?: number;
  backoff?: Backoff;
  now?: () => number;
};

/** The day the quota counts in (YouTube resets quotas at midnight Pacific time), and the ms left in it. */
export function quotaDay(now: number): { day: string; msLeft: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'America/Los_Angeles',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(now);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const day = `${get('year')}-${String(get('month')).padStart(2, '0')}-${String(get('day')).padStart(2, '0')}`;
  const elapsed = ((get('hour') * 60 + get('minute')) * 60 + get('second')) * 1000 + (now % 1000);
  return { day, msLeft: Math.max(1000, 86_400_000 - elapsed) };
}

/** The reason of an API error body (`quotaExceeded`, `commentsDisabled`, …). */
function reason(body: unknown): string | null {
  if (!isObject(body) || !isObject(body.error) || !Array.isArray(body.error.errors)) return null;
  const first = body.error.errors[0];
  return isObject(first) && typeof first.reason === 'string' ? first.reason.slice(0, 40) : null;
}

class Refused extends Error {}

/**
 * YouTube comments through the Data API v3 (`commentThreads.list`, `order=time`,
 * `part=snippet,replies`): every channel and video a tenant lists, polled. The cursor per
 * target is the time of the newest comment taken (a checkpoint): a poll pages back until
 * it reaches it (at most `maxPages`); the first poll takes the newest page only.
 * Quota-aware: each page costs 1 unit of `dailyQuota` per Pacific day (counted across
 * restarts through the checkpoint); the interval is stretched so every target fits the
 * budget, and a spent budget or `quotaExceeded` waits for the next Pacific midnight. A
 * video with comments disabled or gone is left alone for a day; other failures back off.
 */
export function youtubeSource(o: YoutubeOptions): Source & { health: ConnectorHealth } {
  const health = newHealth(youtubeCommentPage.version);
  const now = o.now ?? Date.now;
  const queue = new ItemQueue<unknown>(5000, () => undefined);
  const emit = emitTo(queue, health, now);
  const base = (o.base ?? 'https://www.googleapis.com').replace(/\/$/, '');
  const budget = o.dailyQuota ?? 5000;
  const targets = [
    ...o.channels.map((id) => ({ id, param: 'allThreadsRelatedToChannelId' })),
    ...o.videos.map((id) => ({ id, param: 'videoId' })),
  ];
  const interval = Math.max(o.intervalMs ?? 900_000, Math.ceil((targets.length * 86_400_000) / budget));
  let saved: Record<string, string> = {};
  const quota = { day: '', used: 0 };

  /** Takes one unit, or says how long to wait for the next quota day. */
  function spend(): number {
    const { day, msLeft } = quotaDay(now());
    if (quota.day !== day) {
      quota.day = day;
      quota.used = Number(saved[`quota:${day}`]) || 0;
    }
    if (quota.used >= budget) return msLeft;
    quota.used++;
    return 0;
  }

  async function page(target: (typeof targets)[number], token: string | null, signal: AbortSignal) {
    const q = new URLSearchParams({
      part: 'snippet,replies',
      [target.param]: target.id,
      order: 'time',
      maxResults: '100',
      textFormat: 'plainText',
      key: o.key,
    });
    if (token) q.set('pageToken', token);
    const res = await fetch(`${base}/youtube/v3/commentThreads?${q}`, {
      headers: { 'User-Agent': USER_AGENT, Accept: 'application/json' },
      signal,
    });
    const body: unknown = await res.json().catch(() => null);
    if (res.ok) return body;
    const why = reason(body);
    if (why === 'quotaExceeded' || why === 'dailyLimitExceeded') {
      quota.used = budget;
      throw new Refused('quota_exceeded');
    }
    if (why === 'commentsDisabled' || res.status === 404) throw new Refused(why ?? 'not_found');
    throw new HttpStatus(res.status);
  }

  async function poll(target: (typeof targets)[number], signal: AbortSignal) {
    const key = `since:${target.id}`;
    let since: number | null = Number(saved[key]) || null;
    let attempt = 0;
    while (!signal.aborted) {
      let wait = interval;
      try {
        let token: string | null = null;
        let newest = since;
        for (let n = 0; n < (o.maxPages ?? 5); n++) {
          const hold = spend();
          if (hold > 0) {
            health.lastError = 'quota_budget';
            wait = hold;
            break;
          }
          const body: unknown = await page(target, token, signal);
          emit(safeMap(youtubeCommentPage, { page: body, since }));
          health.state = 'connected';
          health.connectedSince ??= now();
          attempt = 0;
          const times = pageComments(body).map(commentTime).filter(Number.isFinite);
          if (times.length > 0) newest = Math.max(newest ?? 0, ...times);
          token = isObject(body) && typeof body.nextPageToken === 'string' ? body.nextPageToken : null;
          // Caught up when the page reaches back to the cursor (or there is no cursor yet: newest page only).
          if (since === null || !token || times.some((t) => t <= (since as number))) break;
        }
        const entries: Record<string, string> = { [`quota:${quota.day}`]: String(quota.used) };
        if (newest !== null && newest !== since) entries[key] = String(newest);
        queue.push(new Checkpoint(entries));
        since = newest;
      } catch (err) {
        if (signal.aborted) break;
        health.errors++;
        if (err instanceof Refused) {
          health.lastError = err.message;
          wait = err.message === 'quota_exceeded' ? quotaDay(now()).msLeft : 86_400_000;
          queue.push(new Checkpoint({ [`quota:${quota.day}`]: String(quota.used) }));
        } else {
          health.state = 'backoff';
          health.lastError = errorKind(err);
          wait = backoffDelay(attempt++, o.backoff ?? DEFAULT_BACKOFF);
        }
      }
      await pause(wait, signal);
    }
  }

  return {
    name: 'youtube',
    health,
    resume(state) {
      saved = state;
    },
    items: (signal) => drainWhile(queue, health, (s) => Promise.all(targets.map((t) => poll(t, s))), signal),
  };
}
