import type { Post, TenantKeys } from '@trendwacht/shared';
import type { RedisClient } from '@trendwacht/shared/node';
import type { IngestCounters } from './counters';
import { runIngest } from './run';
import type { Source } from './source';
import { RedisCursorStore } from './state/cursors';
import { DurableSeen } from './state/seen';
import { type Deadline, withDeadline } from './transport/deadline';

export type ReportedRunOptions = {
  /** Names the source's counters and health entry (a configured source's id, or the platform). */
  label: string;
  redis: RedisClient;
  keys: TenantKeys;
  send: (posts: Post[]) => Promise<unknown>;
  batchSize: number;
  batchMs: number;
  signal?: AbortSignal;
  /**
   * With the seal key, the run keeps its state in Redis: the source's cursors (resumed on
   * the next run) and the ids it queued (a restart or a re-import queues nothing twice).
   */
  sealKey?: Buffer;
  /** Bounds every Redis answer the run waits for (state, counters, health); without it, waits as long as it takes. */
  deadline?: Deadline;
  healthEveryMs?: number;
  /** Called with the counters every 1000 items (after they are reported). */
  onProgress?: (c: IngestCounters) => void;
};

/**
 * Runs a source to its end (or abort) with its counters and health in Redis for the
 * dashboard and `/metrics`: counters as increments since the last report (so several runs
 * add up), health (state, last item, lag, errors — no secrets) every few seconds.
 */
export async function runReported(source: Source, o: ReportedRunOptions): Promise<IngestCounters> {
  let last: Record<string, number> = {};
  const report = async (c: IngestCounters) => {
    const fields = c.toFields(o.label);
    const pipe = o.redis.pipeline();
    for (const [f, n] of Object.entries(fields)) {
      const d = n - (last[f] ?? 0);
      if (d !== 0) pipe.hincrby(o.keys.stats, f, d);
    }
    last = fields;
    await withDeadline(pipe.exec(), o.deadline, 'reporting counters');
  };
  const reportHealth = async () => {
    if (source.health) {
      const health = JSON.stringify({ ...source.health, reportedAt: Date.now() });
      await withDeadline(o.redis.hset(o.keys.sources, o.label, health), o.deadline, 'reporting health');
    }
  };
  const timer = setInterval(() => void reportHealth().catch(() => undefined), o.healthEveryMs ?? 5000);
  try {
    const counters = await runIngest(source, {
      send: o.send,
      batchSize: o.batchSize,
      batchMs: o.batchMs,
      ...(o.signal ? { signal: o.signal } : {}),
      ...(o.sealKey
        ? {
            durable: new DurableSeen(o.redis, o.keys, o.sealKey, o.deadline ? { deadline: o.deadline } : {}),
            cursors: new RedisCursorStore(
              o.redis,
              o.keys,
              o.label,
              o.sealKey,
              o.deadline ? { deadline: o.deadline } : {},
            ),
          }
        : {}),
      onProgress: (c) => {
        void report(c).catch(() => undefined);
        o.onProgress?.(c);
      },
    });
    await report(counters);
    return counters;
  } finally {
    clearInterval(timer);
    await reportHealth().catch(() => undefined);
  }
}
