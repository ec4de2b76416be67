import { type Alert, type TenantKeys, bucketStart, narrativeSeries } from '@trendwacht/shared';
import type { RedisClient } from '@trendwacht/shared/node';

/** A valid alert receipt (as the detector writes it), opened in the current hour. */
export function sampleAlert(id: string, over: Partial<Alert> = {}): Alert {
  const hour = bucketStart(Date.now(), 'hour');
  return {
    id,
    kind: 'theme',
    key: 'conspiracy',
    theme: 'conspiracy',
    status: 'open',
    severity: 'medium',
    windowStart: hour,
    windowEnd: hour + 600_000,
    detectedAt: hour + 600_000,
    updatedAt: hour + 600_000,
    observed: 40,
    expected: 5,
    ratio: 8,
    score: 12,
    baseline: { method: 'same hour of week and trailing days', weeks: 1, days: 7, dispersion: 4 },
    terms: [{ term: 'chemtrails', count: 30 }],
    distinctAuthors: 22,
    postsPerAuthor: 1.8,
    amplification: false,
    versions: { analysis: 'a2', detector: 'd1' },
    ...over,
  };
}

/** Stores an alert as the detector does (hash + log). */
export async function seedAlert(redis: RedisClient, keys: TenantKeys, alert: Alert): Promise<void> {
  await redis.hset(keys.alerts, alert.id, JSON.stringify(alert));
  await redis.zadd(keys.alertsLog, alert.detectedAt, alert.id);
}

/** A narrative of `theme` in the current hour, carried by `authors` distinct authors, half pushing its claim, half countering it. */
export async function seedNarrative(
  redis: RedisClient,
  keys: TenantKeys,
  id: string,
  authors: number,
  theme = 'conspiracy',
) {
  const hour = bucketStart(Date.now(), 'hour');
  await redis.hset(keys.narrativeMeta(id), { theme, first: hour, last: hour + 1000, posts: authors * 2 });
  await redis.zadd(keys.narratives(theme), authors * 2, id);
  const series = narrativeSeries(id);
  const people = Array.from({ length: authors }, (_, i) => `${id}-${i}`);
  // As the worker writes it: the hour and its day, each with its authors and each stance's own.
  for (const [g, b] of [
    ['hour', hour],
    ['day', bucketStart(hour, 'day')],
  ] as const) {
    await redis.hincrby(keys.cell(series, g, b), 'posts', authors * 2);
    for (const p of ['pushing', 'countering']) {
      await redis.hincrby(keys.cell(series, g, b), `persp:${p}`, authors);
      await redis.pfadd(keys.partAuthors(series, `persp:${p}`, g, b), ...people);
    }
    await redis.pfadd(keys.cellAuthors(series, g, b), ...people);
  }
}
