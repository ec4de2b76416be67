import { describe, expect, it } from 'vitest';
import type { Expectation } from './baseline';
import { surprise } from './count-model';
import { DEFAULT_EVIDENCE, fisher, streamSurge, withSurge } from './evidence';

const o = { threshold: 6, ...DEFAULT_EVIDENCE };
const level = (expected: number, size = 1e6): Expectation => ({ expected, size, method: 'recent', weeks: 0, days: 0 });

describe("the stream's surge as evidence for a burst", () => {
  it("combines two tail probabilities by Fisher's method", () => {
    // p₁ = p₂ = 0.01: P(χ²₄ ≥ −2 ln 1e-4) = 1e-4 (1 + ln 1e4) = 1.021e-3.
    expect(fisher(2, 2)).toBeCloseTo(-Math.log10(1e-4 * (1 + Math.log(1e4))), 10);
    // Never more than the two scores summed, more than either alone when both are strong.
    expect(fisher(5, 4)).toBeLessThan(9);
    expect(fisher(5, 4)).toBeGreaterThan(5);
    // A weak second reading adds nothing: the combination falls below the first.
    expect(fisher(5, 0.3)).toBeLessThan(5);
  });

  it("measures the rest of the stream (the series' own posts left out)", () => {
    // 47 posts in the hour, 7 of them the series', against 24 expected (0.6 of them the series').
    const s = streamSurge(47, 7, level(24), 0.6);
    expect(s).toBeCloseTo(surprise(40, 23.4, 1e6), 10);
    expect(s).toBeGreaterThan(2.5);
    // Fewer posts than expected: no surge at all.
    expect(streamSurge(20, 2, level(24), 0.6)).toBe(0);
    // An overdispersed stream (small size) surges less for the same count.
    expect(streamSurge(47, 7, level(24, 5), 0.6)).toBeLessThan(s);
  });

  it('lifts a near-threshold burst while the whole stream speeds up, never a weak one or without a surge', () => {
    // Seven posts of a word against 0.6 expected (5.5) while the rest of the stream doubles (3.5).
    expect(withSurge(5.5, 3.5, o)).toBeGreaterThanOrEqual(6);
    // No surge (or a slight one): the reading stays its own.
    expect(withSurge(5.5, 1.5, o)).toBe(5.5);
    expect(withSurge(5.5, 0, o)).toBe(5.5);
    // A reading under two thirds of the threshold is not made a burst by any surge.
    expect(withSurge(3.9, 20, o)).toBe(3.9);
    // A strong reading only gains.
    expect(withSurge(12, 2, o)).toBeGreaterThan(12);
  });
});
