/**
 * The count model of the detector: a negative binomial (a Poisson whose rate itself
 * varies), fit for bursty, overdispersed social-media counts. Parameterised by its mean
 * and its size r (variance = mean + mean² / r; r → ∞ is Poisson).
 */

const LANCZOS = [
  676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos approximation, g = 7; ~15 significant digits). */
export function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const z = x - 1;
  let a = 0.99999999999980993;
  const t = z + 7.5;
  for (let i = 0; i < LANCZOS.length; i++) a += (LANCZOS[i] as number) / (z + i + 1);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Largest size used: beyond it the model is Poisson for every count we see. */
export const POISSON_SIZE = 1e6;

/** ln P(X = k) under NB(mean, size). */
export function nbLogPmf(k: number, mean: number, size: number): number {
  const r = Math.min(size, POISSON_SIZE);
  return lnGamma(k + r) - lnGamma(r) - lnGamma(k + 1) + r * Math.log(r / (r + mean)) + k * Math.log(mean / (r + mean));
}

/** P(X ≥ x) under NB(mean, size), summed term by term (accurate far into the tail). */
export function nbUpperTail(x: number, mean: number, size: number): number {
  if (x <= 0) return 1;
  if (mean <= 0) return 0;
  const r = Math.min(size, POISSON_SIZE);
  const mode = r > 1 ? Math.floor(((r - 1) * mean) / r) : 0;
  if (x <= mode) {
    let below = 0;
    for (let k = 0; k < x; k++) below += Math.exp(nbLogPmf(k, mean, r));
    return Math.max(0, 1 - below);
  }
  // Above the mode the terms fall: sum until they no longer matter.
  const first = nbLogPmf(x, mean, r);
  let sum = 0;
  let term = 1;
  const q = mean / (r + mean);
  for (let k = x; k < x + 100_000 && term > 1e-16 * sum; k++) {
    sum += term;
    term *= ((k + r) / (k + 1)) * q;
  }
  return Math.min(1, Math.exp(first) * sum);
}

/** −log10 P(X ≥ x): the alert score (6 means "one in a million under the baseline"). */
export function surprise(x: number, mean: number, size: number): number {
  const p = nbUpperTail(x, mean, size);
  if (p > 0) return -Math.log10(p);
  // Underflow: use the first term, a lower bound of the tail.
  return -nbLogPmf(x, mean, size) / Math.LN10;
}

/**
 * Method-of-moments size from samples: r = mean² / (variance − mean), Poisson when the
 * samples are not overdispersed. Clamped below so a few wild days cannot mute the detector.
 */
export function fitSize(samples: readonly number[], minSize = 2): number {
  if (samples.length < 2) return POISSON_SIZE;
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  const variance = samples.reduce((a, b) => a + (b - mean) ** 2, 0) / (samples.length - 1);
  if (variance <= mean || mean === 0) return POISSON_SIZE;
  return Math.max(minSize, (mean * mean) / (variance - mean));
}

/** The smallest x with P(X ≤ x) ≥ p under NB(mean, size): the band of a receipt's chart. */
export function nbQuantile(p: number, mean: number, size: number): number {
  if (mean <= 0) return 0;
  let cdf = 0;
  const limit = Math.ceil(mean + 50 * Math.sqrt(mean + (mean * mean) / Math.min(size, POISSON_SIZE)) + 50);
  for (let x = 0; x <= limit; x++) {
    cdf += Math.exp(nbLogPmf(x, mean, size));
    if (cdf >= p) return x;
  }
  return limit;
}
