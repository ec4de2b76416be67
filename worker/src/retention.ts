import type { Granularity } from '@trendwacht/shared';

/** How long each bucket size is kept, in seconds (minutes 48 h, hours 90 days, days 2 years). */
export type Retention = Record<Granularity, number>;
export const DEFAULT_RETENTION: Retention = {
  minute: 48 * 3600,
  hour: 90 * 86_400,
  day: 730 * 86_400,
};

/** Unix seconds at which a bucket's keys expire: event time decides, not arrival time. */
export function expireAt(bucketStartMs: number, g: Granularity, r: Retention = DEFAULT_RETENTION): number {
  return Math.floor(bucketStartMs / 1000) + r[g];
}
