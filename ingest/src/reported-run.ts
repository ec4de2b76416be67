import type { Post, TenantKeys } from '@trendwacht/shared';
import type { RedisClient } from '@trendwacht/shared/node';
import type { IngestCounters } from './counters';
import { runIngest } from './run';
import type { Source } from './source';

export type ReportedRunOptions = {
  /** Names the source's counters and health entry (a configured source's id, or the platform). */
  label: string;
  redis: RedisClient;
  keys: TenantKeys;
  send: (posts: Post[]) => Promise<unknown>;
  batchSize: number;
  batchMs: number;
  signal?: AbortSignal;
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
    await pipe.exec();
  };
  const reportHealth = async () => {
    if (source.health) {
      await o.redis.hset(o.keys.sources, o.label, JSON.stringify({ ...source.health, reportedAt: Date.now() }));
    }
  };
  const timer = setInterval(() => void reportHealth().catch(() => undefined), o.healthEveryMs ?? 5000);
  try {
    const counters = await runIngest(source, {
      send: o.send,
      batchSize: o.batchSize,
      batchMs: o.batchMs,
      ...(o.signal ? { signal: o.signal } : {}),
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
