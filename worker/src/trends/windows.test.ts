import { describe, expect, it } from 'vitest';
import type { Expectation, History } from './baseline';
import { DEFAULT_EVIDENCE } from './evidence';
import type { Tracked } from './series-reader';
import { DEFAULT_SHARE_MODEL } from './share-model';
import { strongest, windowThreshold, windowsAt } from './windows';

const MINUTE = 60_000;
const NOW = Date.UTC(2026, 0, 5, 20, 30);
const base = {
  threshold: 6,
  minRatio: { theme: 2, target: 2, narrative: 2, term: 4 },
  minPosts: 5,
  k: 5,
  closeAfterMin: 60,
  minExpected: 0.1,
  ...DEFAULT_EVIDENCE,
  ...DEFAULT_SHARE_MODEL,
};
const level = (expected: number): Expectation => ({ expected, size: 1e6, method: 'recent', weeks: 0, days: 0 });

/** A word used once at each of these minutes before NOW. */
function word(agoMin: number[]): Tracked {
  const history: History = { hours: new Map(), minutes: new Map(), since: NOW - 3 * 3_600_000 };
  for (const a of agoMin) history.minutes.set(NOW - a * MINUTE, (history.minutes.get(NOW - a * MINUTE) ?? 0) + 1);
  return { kind: 'term', key: 'storm', theme: 'all', series: 'all', history };
}

describe('the threshold of each window length', () => {
  it('is the short window’s, less log10 of how many times longer a window is', () => {
    const o = { threshold: 6, scanCorrection: true };
    expect(windowThreshold(o, 10, 10)).toBe(6);
    expect(windowThreshold(o, 30, 10)).toBeCloseTo(6 - Math.log10(3), 10);
    expect(windowThreshold(o, 60, 10)).toBeCloseTo(6 - Math.log10(6), 10);
    // Off: every window is held to the short window's threshold.
    expect(windowThreshold({ ...o, scanCorrection: false }, 60, 10)).toBe(6);
  });

  it('lets seven posts in an hour against 0.6 expected open a burst in the hour window only with it', () => {
    // Spread over the hour: never five in the 10 or 30 minutes, seven in the 60.
    const t = word([1, 9, 18, 31, 40, 48, 57]);
    const windows = windowsAt(NOW, 10, [30, 60]);
    const levels = windows.map(() => level(100));
    const expect60 = (m: readonly number[]) => level((0.6 * m.length) / 60);
    const on = strongest(t, t.history, windows, levels, NOW, { ...base, scanCorrection: true }, expect60);
    expect(on?.minutes.length).toBe(60);
    expect(on?.reading.score).toBeGreaterThan(5.22);
    expect(on?.reading.score).toBeLessThan(6);
    expect(strongest(t, t.history, windows, levels, NOW, { ...base, scanCorrection: false }, expect60)).toBeNull();
  });
});
