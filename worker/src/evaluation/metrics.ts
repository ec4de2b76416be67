import { createRng } from '@trendwacht/shared';

/** Classification metrics over (gold, prediction) pairs, with bootstrap intervals. */
export type Pair = { gold: boolean; pred: boolean };
export type Prf = { precision: number; recall: number; f1: number };

export function prf(pairs: readonly Pair[], positive = true): Prf {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const { gold, pred } of pairs) {
    if (pred === positive && gold === positive) tp++;
    else if (pred === positive) fp++;
    else if (gold === positive) fn++;
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/** Mean F1 of both classes (hateful and not). */
export function macroF1(pairs: readonly Pair[]): number {
  return (prf(pairs, true).f1 + prf(pairs, false).f1) / 2;
}

/** Share of gold-negative items predicted positive. */
export function falsePositiveRate(pairs: readonly Pair[]): number {
  const neg = pairs.filter((p) => !p.gold);
  return neg.length === 0 ? 0 : neg.filter((p) => p.pred).length / neg.length;
}

export function accuracy(pairs: readonly Pair[]): number {
  return pairs.length === 0 ? 0 : pairs.filter((p) => p.gold === p.pred).length / pairs.length;
}

/** Macro-F1 over labels (one-vs-rest F1 of each gold label, averaged). */
export function macroF1Labels<L>(items: readonly { gold: L; pred: L | undefined }[]): number {
  const labels = [...new Set(items.map((i) => i.gold))];
  if (labels.length === 0) return 0;
  let sum = 0;
  for (const l of labels) sum += prf(items.map((i) => ({ gold: i.gold === l, pred: i.pred === l }))).f1;
  return sum / labels.length;
}

export type Estimate = { value: number; low: number; high: number; n: number };

/**
 * The statistic on the items and its 95% percentile bootstrap interval (resampling items
 * with replacement, seeded so a report is reproducible).
 */
export function bootstrap<T>(items: readonly T[], stat: (sample: readonly T[]) => number, rounds = 1000): Estimate {
  const value = stat(items);
  if (items.length === 0) return { value, low: value, high: value, n: 0 };
  const rng = createRng(20261123);
  const values: number[] = [];
  const sample: T[] = new Array(items.length);
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < items.length; i++) sample[i] = items[rng.int(items.length)] as T;
    values.push(stat(sample));
  }
  values.sort((a, b) => a - b);
  return {
    value,
    low: values[Math.floor(rounds * 0.025)] as number,
    high: values[Math.min(rounds - 1, Math.ceil(rounds * 0.975) - 1)] as number,
    n: items.length,
  };
}
