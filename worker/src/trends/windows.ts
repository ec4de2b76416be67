import { type AlertKind, BUCKET_MS } from '@trendwacht/shared';
import type { Expectation, History } from './baseline';
import { surprise } from './count-model';
import { type EpisodeOptions, type Reading, isBurst } from './episodes';
import { type EvidenceOptions, streamSurge, withSurge } from './evidence';
import type { Tracked } from './series-reader';
import { type ShareModelOptions, shareSurprise } from './share-model';

const MINUTE = BUCKET_MS.minute;

export type WindowOptions = {
  /**
   * Scan correction per window length: the threshold is a false-alarm budget per day, and
   * a day holds 1440 / w independent windows of w minutes, so a window six times as long
   * is six times fewer tests and needs log10 6 (0.78) less score for the same false alarms
   * a day. On (the default since d5) for the words ordinary language says are rare (the
   * detector decides per series): their expectation is the share model's, and seven posts
   * of "tornado" in an hour against 0.7 expected are news at 36 min on Oklahoma. Themes,
   * narratives and common words keep the short window's threshold: with it, the synthetic
   * stream's new-deployment days gained alerts on themes and narratives (d4: 4.7 → 6.7 a
   * day; d5 for every series: 1.3 → 2.1).
   */
  scanCorrection: boolean;
};

/** The threshold of a window of `minutes` when the shortest is `shortest` (see WindowOptions). */
export function windowThreshold(o: { threshold: number } & WindowOptions, minutes: number, shortest: number): number {
  return o.scanCorrection ? o.threshold - Math.log10(Math.max(1, minutes / shortest)) : o.threshold;
}

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
  o: EpisodeOptions & EvidenceOptions & WindowOptions & ShareModelOptions,
  expect: (minutes: readonly number[], level: Expectation) => Expectation,
): Judged | null {
  let best: Judged | null = null;
  const shortest = windows[0]?.length ?? 1;
  windows.forEach((w, i) => {
    const ow = { ...o, threshold: windowThreshold(o, w.length, shortest) };
    const observed = Math.round(w.reduce((a, m) => a + (t.history.minutes.get(m) ?? 0), 0));
    const allObserved = w.reduce((a, m) => a + (all.minutes.get(m) ?? 0), 0);
    const level = levels[i];
    // A window is judged only with enough past before it (see coldStartMin).
    if (observed < o.minPosts || !level) return;
    const e = expect(w, level);
    // A term whose share the stream does not know well is judged over its uncertainty
    // (share-model.ts); its tail is never thinner than at the mean, so only a reading that
    // could matter pays for it.
    const plain = surprise(observed, e.expected, e.size);
    const own =
      e.evidence && plain >= o.ownShare * ow.threshold
        ? Math.min(plain, shareSurprise(observed, e.evidence, o))
        : plain;
    // Only against a daily rhythm (the stream's own, or before it is known the ordinary one):
    // against the level of the last hours alone, every morning is a surge.
    // The ordinary rhythm is one stream's guess for another: its error widens the level's
    // dispersion for the surge (1/size adds up as squared coefficients of variation).
    const wide = level.diurnal ? { ...level, size: 1 / (1 / level.size + level.diurnal ** 2) } : level;
    const surge =
      level.method === 'rhythm' || level.diurnal !== undefined
        ? streamSurge(allObserved, observed, wide, e.expected)
        : 0;
    const score = withSurge(own, surge, ow);
    const reading: Reading = {
      kind: t.kind as AlertKind,
      key: t.key,
      observed,
      expected: e.expected,
      score: round(score),
      windowStart: w[0] as number,
      windowEnd: minute + MINUTE,
    };
    if (isBurst(reading, ow) && (!best || reading.score > best.reading.score))
      best = { reading, e, minutes: w, all: allObserved };
  });
  return best;
}

export const round = (x: number) => Math.round(x * 1000) / 1000;
