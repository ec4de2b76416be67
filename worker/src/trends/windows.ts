import { type AlertKind, BUCKET_MS } from '@trendwacht/shared';
import type { Expectation, History } from './baseline';
import { surprise } from './count-model';
import { type EpisodeOptions, type Reading, isBurst } from './episodes';
import { type EvidenceOptions, streamSurge, withSurge } from './evidence';
import type { Tracked } from './series-reader';

const MINUTE = BUCKET_MS.minute;

/** A series' burst in one of its windows, with what it was judged against. */
export type Judged = { reading: Reading; e: Expectation; minutes: number[]; all: number };

/** The minutes of each window ending at `minute` (the short one first). */
export function windowsAt(minute: number, windowMin: number, longWindowsMin: readonly number[]): number[][] {
  return [windowMin, ...longWindowsMin.filter((w) => w > windowMin)].map((w) =>
    Array.from({ length: w }, (_, i) => minute - (w - 1 - i) * MINUTE),
  );
}

/**
 * The strongest burst of a series over its windows (null: none). Each window's count is
 * judged against its expectation; the stream's own surge in that window corroborates it
 * (evidence.ts). `levels`: all posts' expectation per window (null: too little past).
 */
export function strongest(
  t: Tracked,
  all: History,
  windows: readonly number[][],
  levels: readonly (Expectation | null)[],
  minute: number,
  o: EpisodeOptions & EvidenceOptions,
  expect: (minutes: readonly number[], level: Expectation) => Expectation,
): Judged | null {
  let best: Judged | null = null;
  windows.forEach((w, i) => {
    const observed = Math.round(w.reduce((a, m) => a + (t.history.minutes.get(m) ?? 0), 0));
    const allObserved = w.reduce((a, m) => a + (all.minutes.get(m) ?? 0), 0);
    const level = levels[i];
    // A window is judged only with enough past before it (see coldStartMin).
    if (observed < o.minPosts || !level) return;
    const e = expect(w, level);
    const own = surprise(observed, e.expected, e.size);
    // Only against the stream's own daily rhythm: before it is known, a morning is a surge.
    const surge = level.method === 'rhythm' ? streamSurge(allObserved, observed, level, e.expected) : 0;
    const score = withSurge(own, surge, o);
    const reading: Reading = {
      kind: t.kind as AlertKind,
      key: t.key,
      observed,
      expected: e.expected,
      score: round(score),
      windowStart: w[0] as number,
      windowEnd: minute + MINUTE,
    };
    if (isBurst(reading, o) && (!best || reading.score > best.reading.score))
      best = { reading, e, minutes: w, all: allObserved };
  });
  return best;
}

export const round = (x: number) => Math.round(x * 1000) / 1000;
