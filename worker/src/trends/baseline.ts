import { BUCKET_MS } from '@trendwacht/shared';
import { fitSize } from './count-model';
import { type ShareEvidence, type ShareModelOptions, shareMean } from './share-model';

const HOUR = BUCKET_MS.hour;
const DAY = BUCKET_MS.day;
const WEEK = 7 * DAY;

/** A series' past, as the detector keeps it: posts per hour, and when it began. */
export type History = {
  hours: Map<number, number>;
  /** Posts per minute of the last hours (the cold-start level, the receipt's chart). */
  minutes: Map<number, number>;
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
  /** Minutes of posts before a new deployment judges anything (cold start). */
  coldStartMin: number;
  /**
   * Background for a term or series never seen: a prior share of all posts, worth this
   * many posts (a word in one post of 500, until the stream says otherwise).
   */
  priorShare: number;
  priorPosts: number;
  /**
   * How far in time one stream's day may be from the ordinary rhythm, in minutes: a town
   * wakes earlier or later, a weekend later. The level expected from the rhythm is read
   * with the rhythm shifted this far either way, and how much it differs is its error: large
   * on a steep morning, small on the evening plateau. It widens the band in which the
   * stream's own surge is no surge.
   */
  diurnalShiftMin?: number;
};

export type Expectation = {
  expected: number;
  size: number;
  method: BaselineMethod;
  weeks: number;
  days: number;
  /** A term's share of posts as far as the stream knows it (share-model.ts): judged over its uncertainty. */
  evidence?: ShareEvidence;
  /**
   * A cold-start level that follows the ordinary daily rhythm (background/daily.ts), with
   * that rhythm's error for this stream here (a coefficient of variation; diurnalShiftMin).
   */
  diurnal?: number;
};

/** How an expectation was made (the receipt names it in the user's language). */
export type BaselineMethod = 'rhythm' | 'share' | 'recent';

export function emptyHistory(): History {
  return { hours: new Map(), minutes: new Map(), since: null };
}

/** Minutes of per-minute counts kept (the chart's span and the cold-start level). */
export const MINUTES_KEPT = 6 * 60;

/** Records one minute's count (and forgets minutes older than MINUTES_KEPT). */
export function recordMinute(h: History, minute: number, count: number): void {
  h.minutes.set(minute, count);
  h.minutes.delete(minute - MINUTES_KEPT * 60_000);
  if (count > 0 && (h.since === null || minute < h.since)) h.since = Math.floor(minute / HOUR) * HOUR;
}

/**
 * Cold start, before the daily rhythm is known: the rate of the minutes seen in the last
 * hours before the window, or null while under `coldStartMin` minutes of them. With
 * `pattern` (the ordinary activity at a minute, background/daily.ts) that rate is per unit
 * of ordinary activity and the window's expectation follows the time of day: a morning's
 * rise after a quiet night is expected, not a surge.
 */
export function recentExpectation(
  h: History,
  minutes: readonly number[],
  o: BaselineOptions,
  pattern?: (minute: number) => number,
): Expectation | null {
  const start = minutes[0] ?? 0;
  // The rhythm read as it is and shifted (see diurnalShiftMin): each a level for the window.
  const shift = (o.diurnalShiftMin ?? 0) * 60_000;
  const shifts = pattern && shift > 0 ? [0, -shift, -shift / 2, shift / 2, shift] : [0];
  let n = 0;
  let sum = 0;
  const activity = shifts.map(() => 0);
  for (const [m, c] of h.minutes) {
    if (m >= start || h.since === null || m < h.since) continue;
    n++;
    sum += c;
    shifts.forEach((d, i) => {
      activity[i] = (activity[i] as number) + (pattern ? pattern(m + d) : 1);
    });
  }
  if (n < o.coldStartMin) return null;
  const levels = shifts.map((d, i) => {
    let ahead = 0;
    for (const m of minutes) ahead += pattern ? pattern(m + d) : 1;
    return (sum / (activity[i] as number)) * ahead;
  });
  const level = levels[0] as number;
  const mean = levels.reduce((a, b) => a + b, 0) / levels.length;
  const sd = Math.sqrt(levels.reduce((a, b) => a + (b - mean) ** 2, 0) / levels.length);
  // Overdispersion of 10-minute sums, from the minutes seen (bursty streams get a wider band).
  const tens: number[] = [];
  const sorted = [...h.minutes.entries()].filter(([m]) => m < start).sort((a, b) => a[0] - b[0]);
  for (let i = 0; i + minutes.length <= sorted.length; i += minutes.length)
    tens.push(sorted.slice(i, i + minutes.length).reduce((a, [, c]) => a + c, 0));
  return {
    expected: Math.max(o.minExpected, level),
    size: fitSize(tens),
    method: 'recent',
    weeks: 0,
    days: 0,
    ...(pattern ? { diurnal: mean > 0 ? sd / mean : 0 } : {}),
  };
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
    method: 'rhythm',
    weeks: last?.weeks.length ?? 0,
    days: last?.days.length ?? 0,
  };
}

/**
 * For a series without enough past of its own (a new narrative, a new term, any series
 * in a new deployment): its share of all posts before the window (hours of the last two
 * days, then the minutes of this hour), smoothed towards its share in ordinary language
 * (`prior`: a common word is expected often, a word never seen is rare but not
 * impossible), times what all posts are expected to do now.
 * The window itself is left out: a burst must not raise its own baseline.
 */
export function shareExpectation(
  h: History,
  all: History,
  allNow: Expectation,
  minutes: readonly number[],
  o: BaselineOptions,
  /** The series' share of posts in ordinary language (a term: background.ts), else priorShare. */
  prior = o.priorShare,
  /** A term: its share is uncertain around `prior` (share-model.ts) and judged so. */
  model?: ShareModelOptions,
): Expectation {
  const start = minutes[0] ?? 0;
  const hourNow = Math.floor(start / HOUR) * HOUR;
  let mine = 0;
  let total = 0;
  // Hour by hour (48 lookups), not over every hour kept: this runs for each series a minute.
  for (let hour = hourNow - 2 * DAY; hour < hourNow; hour += HOUR) {
    total += all.hours.get(hour) ?? 0;
    mine += h.hours.get(hour) ?? 0;
  }
  for (let m = hourNow; m < start; m += 60_000) {
    total += all.minutes.get(m) ?? 0;
    mine += h.minutes.get(m) ?? 0;
  }
  if (model) {
    const evidence = { mine, total, prior, posts: allNow.expected, size: allNow.size };
    return {
      ...allNow,
      expected: Math.max(o.minExpected, shareMean(evidence, model)),
      method: 'share',
      evidence,
    };
  }
  const share = (mine + prior * o.priorPosts) / (total + o.priorPosts);
  return {
    ...allNow,
    expected: Math.max(o.minExpected, share * allNow.expected),
    method: 'share' as const,
  };
}
