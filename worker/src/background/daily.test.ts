import { describe, expect, it } from 'vitest';
import { recentExpectation } from '../trends/baseline';
import { DailyPatternError, dailyActivity, dailyPattern, parseDaily } from './daily';

const HOUR = 3_600_000;
const O = { days: 7, weeks: 4, warmupDays: 2, minExpected: 0.1, coldStartMin: 60, priorShare: 0.002, priorPosts: 50 };

describe('the ordinary daily rhythm', () => {
  it('has a quiet night and a busy evening, for 24 hours', () => {
    const a = dailyActivity();
    expect(a).toHaveLength(24);
    expect(Math.max(...a)).toBe(1);
    expect(a[4] as number).toBeLessThan(0.2 * (a[21] as number));
  });

  it('is read in the tenant’s time zone', () => {
    // 03:00 UTC in winter is 04:00 in Brussels and 22:00 the day before in Chicago.
    const t = Date.UTC(2026, 0, 15, 3, 0);
    expect(dailyPattern('Europe/Brussels')(t)).toBe(dailyActivity()[4]);
    expect(dailyPattern('America/Chicago')(t)).toBe(dailyActivity()[21]);
  });

  it('rejects a file without its source, with a missing hour or a bad number', () => {
    const rows = Array.from({ length: 24 }, (_, h) => `${h}\t1`).join('\n');
    expect(() => parseDaily(`hour\tactivity\n${rows}`)).toThrow(DailyPatternError);
    expect(() => parseDaily(`# source: x\nhour\tactivity\n${rows.replace('5\t1\n', '')}`)).toThrow(/hour 5/);
    expect(() => parseDaily(`# source: x\nhour\tactivity\n${rows.replace('5\t1', '5\t-1')}`)).toThrow(/:8:/);
    expect(parseDaily(`# source: x\nhour\tactivity\n${rows}`)).toHaveLength(24);
  });

  it('lets a new deployment expect the morning after a quiet night, not take it for a surge', () => {
    // A night of 12 posts an hour in Brussels (01:00–06:00 local), then the window 07:00–07:10.
    const start = Date.UTC(2026, 0, 15, 0, 0);
    const h = { hours: new Map<number, number>(), minutes: new Map<number, number>(), since: start };
    for (let m = start; m < start + 6 * HOUR; m += 60_000) h.minutes.set(m, 0.2);
    const window = Array.from({ length: 10 }, (_, i) => start + 6 * HOUR + i * 60_000);
    const flat = recentExpectation(h, window, O);
    const rhythm = recentExpectation(h, window, O, dailyPattern('Europe/Brussels'));
    expect(flat?.expected).toBeCloseTo(2, 5);
    expect(rhythm?.diurnal).toBe(0);
    expect(rhythm?.expected ?? 0).toBeGreaterThan(2 * (flat?.expected ?? 0));
  });

  it('is less sure of a steep morning than of the evening plateau (a town wakes earlier or later)', () => {
    const flat = (from: number) => {
      const h = { hours: new Map<number, number>(), minutes: new Map<number, number>(), since: from };
      for (let m = from; m < from + 6 * HOUR; m += 60_000) h.minutes.set(m, 0.5);
      return h;
    };
    const at = (from: number) => Array.from({ length: 10 }, (_, i) => from + 6 * HOUR + i * 60_000);
    const o = { ...O, diurnalShiftMin: 60 };
    const brussels = dailyPattern('Europe/Brussels');
    // Windows at 07:00 and at 21:00 Brussels (UTC+1 in January).
    const morning = recentExpectation(flat(Date.UTC(2026, 0, 15, 0)), at(Date.UTC(2026, 0, 15, 0)), o, brussels);
    const evening = recentExpectation(flat(Date.UTC(2026, 0, 15, 14)), at(Date.UTC(2026, 0, 15, 14)), o, brussels);
    expect(morning?.diurnal ?? 0).toBeGreaterThan(0.3);
    expect(evening?.diurnal ?? 1).toBeLessThan(0.1);
  });
});
