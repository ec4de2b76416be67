import { BUCKET_MS } from '@trendwacht/shared';
import { fitSize } from './count-model';

const HOUR = BUCKET_MS.hour;
const DAY = BUCKET_MS.day;
const WEEK = 7 * DAY;

/** A series' past, as the detector keeps it: posts per hour, and when it began. */
export type History = {
  hours: Map<number, number>;
  /** Start of the first hour with a post (null: nothing seen yet). */
  since: number | null;
};

export type BaselineOptions = {
  /** Trailing days whose same hour is a sample. */
  days: number;
  /** Past weeks whose same hour of the week is a sample. */
  weeks: number;
  /** Days of history a series needs before its own rhythm is trusted. */
  warmupDays: number;
  /** The expected count of a window never goes below this (quiet series). */
  minExpected: number;
};

export type Expectation = {
  expected: number;
  size: number;
  method: 'same hour of week and trailing days' | 'share of all posts';
  weeks: number;
  days: number;
};

export function emptyHistory(): History {
  return { hours: new Map(), since: null };
}

export function record(h: History, hour: number, count: number): void {
  h.hours.set(hour, count);
  if (count > 0 && (h.since === null || hour < h.since)) h.since = hour;
}

/** Forgets hours older than what any baseline reads. */
export function trim(h: History, now: number, o: BaselineOptions): void {
  const keep = now - Math.max(o.weeks * WEEK, o.days * DAY) - DAY;
  for (const hour of h.hours.keys()) if (hour < keep) h.hours.delete(hour);
}

export function historyDays(h: History, now: number): number {
  return h.since === null ? 0 : (now - h.since) / DAY;
}

/**
 * The expected posts in a window from a series' own rhythm: each minute gets its hour's
 * rate, the mean of the same hour on trailing days blended half-and-half with the same
 * hour of the week in past weeks (when there are any). The size (overdispersion) comes
 * from the trailing days' counts at the window's last hour.
 */
export function ownExpectation(h: History, minutes: readonly number[], o: BaselineOptions): Expectation {
  const since = h.since ?? Number.POSITIVE_INFINITY;
  const samples = (hour: number, step: number, n: number) => {
    const out: number[] = [];
    for (let i = 1; i <= n; i++) {
      const at = hour - i * step;
      if (at >= since) out.push(h.hours.get(at) ?? 0);
    }
    return out;
  };
  const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const rates = new Map<number, { rate: number; days: number[]; weeks: number[] }>();
  let expected = 0;
  for (const m of minutes) {
    const hour = Math.floor(m / HOUR) * HOUR;
    let r = rates.get(hour);
    if (!r) {
      const days = samples(hour, DAY, o.days);
      const weeks = samples(hour, WEEK, o.weeks);
      const daily = days.length > 0 ? mean(days) : 0;
      r = { rate: weeks.length > 0 ? 0.5 * mean(weeks) + 0.5 * daily : daily, days, weeks };
      rates.set(hour, r);
    }
    expected += r.rate / 60;
  }
  const last = rates.get(Math.floor((minutes[minutes.length - 1] ?? 0) / HOUR) * HOUR);
  return {
    expected: Math.max(o.minExpected, expected),
    size: fitSize(last?.days ?? []),
    method: 'same hour of week and trailing days',
    weeks: last?.weeks.length ?? 0,
    days: last?.days.length ?? 0,
  };
}

/**
 * For a series without enough past of its own (a new narrative, a new term): its share
 * of all posts over the hours it has, times what all posts are expected to do now.
 */
export function shareExpectation(h: History, all: History, allNow: Expectation, now: number, o: BaselineOptions) {
  let mine = 0;
  let total = 0;
  const from = now - 2 * DAY;
  for (const [hour, n] of all.hours) {
    if (hour < from || hour >= now) continue;
    total += n;
    mine += h.hours.get(hour) ?? 0;
  }
  const share = total > 0 ? mine / total : 0;
  return {
    ...allNow,
    expected: Math.max(o.minExpected, share * allNow.expected),
    method: 'share of all posts' as const,
  };
}
