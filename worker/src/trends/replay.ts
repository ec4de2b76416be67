import { createHash, createHmac } from 'node:crypto';
import { type Alert, BUCKET_MS, type Post, type TenantKeys } from '@trendwacht/shared';
import type { RedisClient } from '@trendwacht/shared/node';
import type { createAnalyzer } from '../analysis/pipeline';
import { applyDelta } from '../apply';
import { AuthorHasher, dayOf } from '../authors';
import { aggregatePosts } from '../process-batch';
import { onEventClock } from '../retention';
import type { TrendDetector } from './detector';
import type { NarrativeIndex } from './narratives';

const MINUTE = BUCKET_MS.minute;

/**
 * The replay's "now": the end of the minute being replayed. Everything that asks the time
 * during a replay (salt rotation, expiries, the detector) asks this clock, so a replay of
 * 2013 behaves as the same posts dated this week.
 */
export class EventClock {
  private at: number | null = null;
  now = (): number => this.at ?? Date.now();
  set(ms: number): void {
    this.at = ms;
  }
}

const DAY = BUCKET_MS.day;

/**
 * The hasher of a replay: salts by the event day, as live, each derived from a seed the
 * replay takes from its own input (its first post), so a replay is reproducible: the same
 * posts give the same hashes, so the same ties and the same alerts, run after run. Nobody
 * without the input can know the seed, and the replay deletes its keys when done.
 * Its vocabulary's keys are named
 * by a day moved by whole days onto the wall clock: Redis expires them by the wall clock at
 * the end of their day's next day, which for 2013 would be at once — every word used by
 * k authors would then have to reach them again in a single batch.
 */
export class ReplayHasher extends AuthorHasher {
  private shift: number | null = null;
  private seed: Buffer | null = null;
  constructor(
    keys: TenantKeys,
    private readonly clock: EventClock,
  ) {
    super(null, keys, clock.now);
  }
  /** Seeds the salts from the replay's first post (once; later calls change nothing). */
  seedFrom(post: Pick<Post, 'id' | 'text'>): void {
    this.seed ??= createHash('sha256').update(`${post.id}\u0000${post.text}`).digest();
  }
  protected override saltOf(day: string): Buffer {
    if (!this.seed) return super.saltOf(day);
    return createHmac('sha256', this.seed).update(`salt\u0000${day}`).digest();
  }
  override async terms() {
    const t = await super.terms();
    this.shift ??= Math.floor(Date.now() / DAY) * DAY - Math.floor(this.clock.now() / DAY) * DAY;
    return { ...t, day: dayOf(Date.parse(t.day) + this.shift) };
  }
}

export type ReplayDeps = {
  redis: RedisClient;
  keys: TenantKeys;
  analyze: ReturnType<typeof createAnalyzer>;
  hasher: AuthorHasher;
  narratives: NarrativeIndex;
  detector: TrendDetector;
  /** Shared with the hasher (and anything else that reads the time during the replay). */
  clock?: EventClock;
  /** Called with every alert that opens, escalates or closes, in event time. */
  onAlert: (alert: Alert) => void | Promise<void>;
};

/**
 * Event-time replay: posts (ordered by `createdAt`) are aggregated one minute at a time
 * through the worker's own analysis, narrative and apply code, and the detector ticks
 * after each minute, as the live loop does once a minute is complete.
 */
export function createReplay(d: ReplayDeps) {
  const clock = d.clock ?? new EventClock();
  let minute: number | null = null;
  let ticked: number | null = null;
  let buffer: Post[] = [];
  let batches = 0;
  let late = 0;

  async function flush(): Promise<void> {
    if (buffer.length === 0) return;
    // Expiry follows the event clock: aggregates of 2013 live as long as this week's would.
    const retention = onEventClock(clock.now(), Date.now());
    const delta = await aggregatePosts({ ...d, retention }, buffer);
    await applyDelta(d.redis, d.keys, `replay-${batches++}`, delta, { type: 'batch', posts: delta.posts });
    buffer = [];
  }

  async function tickUntil(end: number): Promise<void> {
    let m = ticked === null ? end : ticked + MINUTE;
    for (; m <= end; m += MINUTE) {
      for (const alert of await d.detector.tick(m)) await d.onAlert(alert);
      ticked = m;
    }
  }

  return {
    async push(post: Post): Promise<void> {
      const m = Math.floor(post.createdAt / MINUTE) * MINUTE;
      if (minute === null) {
        minute = m;
        clock.set(m + MINUTE);
        await d.detector.init(m);
      }
      if (m < minute) late++;
      if (m > minute) {
        await flush();
        await tickUntil(m - MINUTE);
        minute = m;
        clock.set(m + MINUTE);
      }
      buffer.push(post);
    },
    async finish(): Promise<{ late: number }> {
      await flush();
      if (minute !== null) await tickUntil(minute);
      return { late };
    },
  };
}
