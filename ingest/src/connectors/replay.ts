import { setTimeout as sleep } from 'node:timers/promises';
import type { PostInput } from '@trendwacht/shared';
import type { Source } from '../source';

export type ReplayOptions = {
  /** Event-time seconds played per wall-clock second; `Infinity` plays as fast as possible. */
  speed: number;
  name?: string;
  /** Play posts before this event time (epoch ms) at once, then keep timing from there. */
  backfillUntil?: number;
  now?: () => number;
};

/**
 * Plays posts (sorted by `createdAt`) keeping their relative timing, accelerated by
 * `speed`: at 60 an hour of posts takes a minute. Event times are kept as they are.
 */
export function replaySource(posts: readonly PostInput[], opts: ReplayOptions): Source {
  const now = opts.now ?? Date.now;
  return {
    name: opts.name ?? 'replay',
    async *items(signal?: AbortSignal) {
      const first = posts[0];
      if (!first) return;
      const t0 = Math.max(Date.parse(String(first.createdAt)), opts.backfillUntil ?? 0);
      let wall0 = now();
      for (const p of posts) {
        if (signal?.aborted) return;
        const t = Date.parse(String(p.createdAt));
        if (t < t0) {
          wall0 = now();
        } else if (Number.isFinite(opts.speed)) {
          const due = wall0 + (t - t0) / opts.speed;
          const wait = due - now();
          if (wait > 5) await sleep(wait, undefined, { signal }).catch(() => undefined);
        }
        yield p;
      }
    },
  };
}
