import { describe, expect, it } from 'vitest';
import { accuracy, bootstrap, falsePositiveRate, macroF1, macroF1Labels, prf } from './metrics';

const pairs = [
  { gold: true, pred: true },
  { gold: true, pred: true },
  { gold: true, pred: false },
  { gold: false, pred: true },
  { gold: false, pred: false },
  { gold: false, pred: false },
];

describe('metrics', () => {
  it('precision, recall, F1 and macro-F1 by hand', () => {
    const p = prf(pairs);
    expect(p.precision).toBeCloseTo(2 / 3);
    expect(p.recall).toBeCloseTo(2 / 3);
    expect(macroF1(pairs)).toBeCloseTo(2 / 3);
    expect(falsePositiveRate(pairs)).toBeCloseTo(1 / 3);
    expect(accuracy(pairs)).toBeCloseTo(4 / 6);
  });
  it('macro-F1 over labels averages per-label F1 (a missing prediction counts as wrong)', () => {
    const items = [
      { gold: 'a', pred: 'a' },
      { gold: 'a', pred: undefined },
      { gold: 'b', pred: 'b' },
    ];
    expect(macroF1Labels(items)).toBeCloseTo((2 / 3 + 1) / 2);
  });
  it('bootstrap: the interval holds the value, is reproducible and narrows with n', () => {
    const small = bootstrap(pairs, macroF1, 300);
    expect(small.low).toBeLessThanOrEqual(small.value);
    expect(small.high).toBeGreaterThanOrEqual(small.value);
    expect(bootstrap(pairs, macroF1, 300)).toEqual(small);
    const big = bootstrap(Array.from({ length: 50 }, () => pairs).flat(), macroF1, 300);
    expect(big.high - big.low).toBeLessThan(small.high - small.low);
  });
});
