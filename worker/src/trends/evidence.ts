import type { Expectation } from './baseline';
import { surprise } from './count-model';

/**
 * Evidence for a burst beyond its own count. At municipal scale (tens of posts an hour) a
 * word's first posts about an incident are few: seven posts against an expected 0.6 is one
 * in 300,000, not yet one in a million. What tells an incident from chance early is that
 * the whole stream speeds up with it — people post more, about it. That surge is measured
 * on the stream's other posts (the series' own left out, so one count is not read twice)
 * and combined with the series' own tail probability (Fisher's method). Only once the
 * stream's daily rhythm is known (windows.ts): before that, every morning is a surge.
 */
export type EvidenceOptions = {
  threshold: number;
  /**
   * Fewest own score (share of the threshold) a series needs for the stream's surge to count
   * at all: the surge corroborates a burst, it never makes one of a common reading.
   */
  ownShare: number;
  /** Fewest surge score (−log10 p) of the rest of the stream that counts as a surge. */
  surgeMin: number;
};

export const DEFAULT_EVIDENCE: Pick<EvidenceOptions, 'ownShare' | 'surgeMin'> = { ownShare: 2 / 3, surgeMin: 2 };

/**
 * Fisher's combination of two independent tail probabilities given as scores (−log10 p):
 * P(χ²₄ ≥ −2 ln(p₁p₂)) = p₁p₂ (1 − ln p₁p₂), as a score.
 */
export function fisher(a: number, b: number): number {
  const s = a + b;
  return s - Math.log10(1 + s * Math.LN10);
}

/** How surprising the rest of the stream is in a window (its posts minus the series'). */
export function streamSurge(allObserved: number, observed: number, all: Expectation, own: number): number {
  const rest = Math.max(0, Math.round(allObserved - observed));
  const expected = Math.max(0.1, all.expected - own);
  return rest <= expected ? 0 : surprise(rest, expected, all.size);
}

/** A series' score with the stream's surge as corroboration (never below its own). */
export function withSurge(own: number, surge: number, o: EvidenceOptions): number {
  if (own < o.ownShare * o.threshold || surge < o.surgeMin) return own;
  return Math.max(own, fisher(own, surge));
}
