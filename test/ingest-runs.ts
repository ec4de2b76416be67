import type { IngestCounters, Source } from '@trendwacht/ingest';
import { RedisCursorStore, runReported } from '@trendwacht/ingest';
import type { Post, TenantKeys } from '@trendwacht/shared';
import type { RedisClient } from '@trendwacht/shared/node';
import { sealKey, waitFor } from './helpers';

/**
 * Runs of one configured source as `trendwacht ingest` runs them — state in Redis (cursors,
 * queued ids) — each started and stopped like a process, with every queued post noted.
 */
export function sourceRuns(redis: RedisClient, keys: TenantKeys, label: string) {
  const queued: Post[] = [];
  const cursors = new RedisCursorStore(redis, keys, label, sealKey);
  return {
    queued,
    /** The source's saved state, as the next run will read it. */
    saved: () => cursors.load(),
    /** Waits until the saved state satisfies `ok`. */
    savedWhen: (ok: (s: Record<string, string>) => boolean, what: string) =>
      waitFor(async () => ok(await cursors.load()), 15_000, what),
    start(source: Source) {
      const stop = new AbortController();
      const done = runReported(source, {
        label,
        redis,
        keys,
        send: async (posts) => {
          queued.push(...posts);
        },
        batchSize: 10,
        batchMs: 10,
        sealKey,
        signal: stop.signal,
      });
      return {
        async stop(): Promise<IngestCounters> {
          stop.abort();
          return done;
        },
      };
    },
  };
}
