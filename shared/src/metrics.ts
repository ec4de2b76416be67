/**
 * Batch latency (sealed at ingest → applied in Redis) is kept as a histogram in each
 * tenant's stats hash, so every worker adds to one distribution and `/metrics` reads it.
 * Fields: `latency:le:<ms>` (not cumulative: one bucket per batch), `latency:sum_ms`.
 */
export const LATENCY_BUCKETS_MS = [50, 100, 250, 500, 1000, 2500, 5000, 10_000, 30_000, 60_000] as const;
export const LATENCY_INF = 'inf';

export function latencyStats(ms: number): Record<string, number> {
  const bound = LATENCY_BUCKETS_MS.find((b) => ms <= b);
  return { [`latency:le:${bound ?? LATENCY_INF}`]: 1, 'latency:sum_ms': Math.max(0, Math.round(ms)) };
}
