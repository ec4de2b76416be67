import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { normalisePostInput } from '@trendwacht/ingest';
import type { Alert, ReplayAlertLine } from '@trendwacht/shared';
import { type Config, connectRedis, deleteKeys, startRedisServer, tenantKeys } from '@trendwacht/shared/node';
import {
  ANALYSIS_VERSION,
  DEFAULT_NARRATIVES,
  type DetectorOptions,
  EventClock,
  NarrativeIndex,
  ReplayHasher,
  TrendDetector,
  createAnalyzer,
  createReplay,
} from '@trendwacht/worker';

export type TrendReplayResult = { posts: number; rejected: number; late: number; alerts: Alert[] };

/**
 * Replays JSON Lines posts (ordered by createdAt) through analysis, aggregation and
 * detection in event time, on a private key prefix of the configured Redis — or of a
 * private redis-server when REDIS_URL is not set — and removes every key it made.
 */
export async function replayLines(
  lines: AsyncIterable<string> | Iterable<string>,
  config: Pick<Config, 'redisUrl'>,
  options: Partial<DetectorOptions>,
  on: { alert?: (a: Alert) => void; reject?: (line: number, detail: string) => void } = {},
): Promise<TrendReplayResult> {
  let server: Awaited<ReturnType<typeof startRedisServer>> | null = null;
  let dir: string | null = null;
  let url = config.redisUrl;
  if (!url) {
    dir = mkdtempSync(join(tmpdir(), 'tw-replay-'));
    server = await startRedisServer({ dir, appendonly: false });
    url = server.url;
  }
  const redis = connectRedis(url);
  const root = `twreplay-${randomBytes(6).toString('hex')}`;
  const keys = tenantKeys(root, 'replay');
  const alerts: Alert[] = [];
  let posts = 0;
  let rejected = 0;
  try {
    const clock = new EventClock();
    const detector = new TrendDetector({
      redis,
      keys,
      options,
      analysisVersion: ANALYSIS_VERSION,
      narratives: new NarrativeIndex(redis, keys),
    });
    const hasher = new ReplayHasher(keys, clock);
    const replay = createReplay({
      redis,
      keys,
      analyze: createAnalyzer(),
      // Salts rotate by the event day, as they would have live.
      hasher,
      clock,
      // Batches follow each other at once: the index must read every batch's narratives.
      narratives: new NarrativeIndex(redis, keys, { ...DEFAULT_NARRATIVES, refreshMs: -1 }),
      detector,
      onAlert: (a) => {
        alerts.push(a);
        on.alert?.(a);
      },
    });
    let n = 0;
    for await (const line of lines) {
      n++;
      if (line.trim() === '') continue;
      const r = normalisePostInput(line, 'replay', Number.MAX_SAFE_INTEGER);
      if (!r.ok) {
        rejected++;
        on.reject?.(n, `${r.reason}: ${r.detail}`);
        continue;
      }
      if (posts++ === 0) hasher.seedFrom(r.post);
      await replay.push(r.post);
    }
    const { late } = await replay.finish();
    return { posts, rejected, late, alerts };
  } finally {
    await deleteKeys(redis, `${root}:*`);
    await redis.quit().catch(() => undefined);
    if (server) await server.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

/** The one-line form `trendwacht replay` prints for an alert that opens or escalates. */
export function alertLine(a: Alert, event: 'open' | 'escalate'): ReplayAlertLine {
  return {
    id: a.id,
    kind: a.kind,
    key: a.key,
    severity: a.severity,
    windowStart: a.windowStart,
    detectedAt: a.updatedAt,
    observed: a.observed,
    expected: a.expected,
    score: a.score,
    terms: a.terms.map((t) => t.term),
    distinctAuthors: a.distinctAuthors,
    event,
  };
}
