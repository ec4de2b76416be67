import { describe, expect, it } from 'vitest';
import { fitSize, lnGamma, nbUpperTail, surprise } from './count-model';
import { type EpisodeOptions, Episodes, type Reading } from './episodes';

describe('the count model', () => {
  it('computes ln Γ', () => {
    expect(lnGamma(1)).toBeCloseTo(0, 10);
    expect(lnGamma(5)).toBeCloseTo(Math.log(24), 10);
    expect(lnGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 10);
  });
  it('is Poisson without overdispersion and heavier-tailed with it', () => {
    // P(X ≥ 5 | Poisson 1) = 1 − Σ_{k<5} e^-1 / k! = 0.0036598…
    expect(nbUpperTail(5, 1, 1e6)).toBeCloseTo(0.0036598, 5);
    expect(nbUpperTail(0, 3, 2)).toBe(1);
    expect(nbUpperTail(20, 3, 2)).toBeGreaterThan(nbUpperTail(20, 3, 1e6));
    expect(surprise(30, 0.5, 1e6)).toBeGreaterThan(30);
    expect(Number.isFinite(surprise(5000, 0.5, 1e6))).toBe(true);
  });
  it('fits the size by moments: Poisson-like samples give no overdispersion', () => {
    expect(fitSize([4, 4, 4, 4])).toBe(1e6);
    const r = fitSize([1, 10, 2, 20, 3, 15]);
    expect(r).toBeGreaterThanOrEqual(2);
    expect(r).toBeLessThan(10);
  });
});

describe('an alert episode', () => {
  const o: EpisodeOptions = {
    threshold: 6,
    minRatio: { theme: 2, target: 2, narrative: 2, term: 4 },
    minPosts: 8,
    k: 5,
    closeAfterMin: 30,
  };
  const at = (min: number) => Date.UTC(2026, 10, 23, 18, 0) + min * 60_000;
  const reading = (min: number, observed: number, expected: number, score: number): Reading => ({
    kind: 'theme',
    key: 'conspiracy',
    observed,
    expected,
    score,
    windowStart: at(min - 9),
    windowEnd: at(min + 1),
  });

  it('opens once, escalates while it grows, and closes after a calm half hour', () => {
    const ep = new Episodes(o);
    expect(ep.step(reading(0, 6, 2, 3), 10, at(0))).toBeNull();
    // A burst from fewer than k authors is not shown.
    expect(ep.step(reading(1, 12, 2, 7), 4, at(1))).toBeNull();
    const open = ep.step(reading(2, 12, 4, 7), 9, at(2));
    expect(open).toMatchObject({ type: 'open', severity: 'low' });
    expect(ep.step(reading(3, 13, 4, 8), 9, at(3))).toBeNull();
    const up = ep.step(reading(4, 40, 4, 30), 25, at(4));
    expect(up).toMatchObject({ type: 'escalate', severity: 'high', id: open?.id });
    // Calm from minute 10; still open at 39, closed at 40.
    for (let m = 10; m < 40; m++) expect(ep.step(reading(m, 3, 4, 0), 3, at(m))).toBeNull();
    const close = ep.step(reading(40, 3, 4, 0), 3, at(40));
    expect(close).toMatchObject({ type: 'close', id: open?.id });
    expect(close?.reading.score).toBe(30);
    expect(ep.isOpen('theme', 'conspiracy')).toBe(false);
    // A new burst later is a new episode with a new id.
    const again = ep.step(reading(90, 30, 3, 20), 20, at(90));
    expect(again?.type).toBe('open');
    expect(again?.id).not.toBe(open?.id);
  });
});
