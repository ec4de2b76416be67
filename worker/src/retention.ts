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

/**
 * Retention on an event clock (a replay of 2013): Redis expires keys by the wall clock, so
 * each period is lengthened by how far the wall clock is ahead of the event clock. A bucket
 * then lives as long after the event clock's "now" as it would live after the wall clock's
 * in a live run — neither vanishing on write nor kept longer than its retention says.
 */
export function onEventClock(eventNowMs: number, wallNowMs: number, r: Retention = DEFAULT_RETENTION): Retention {
  const shift = Math.floor((wallNowMs - eventNowMs) / 1000);
  return { minute: r.minute + shift, hour: r.hour + shift, day: r.day + shift };
}
