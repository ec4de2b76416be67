import { describe, expect, it } from 'vitest';
import { replaySource } from './replay';

const at = (min: number) => ({ id: min, text: 'x', createdAt: new Date(Date.UTC(2026, 0, 1, 0, min)).toISOString() });

async function timings(speed: number, backfillUntil?: number) {
  const t0 = performance.now();
  const out: number[] = [];
  const src = replaySource([at(0), at(1), at(2), at(3)], { speed, ...(backfillUntil ? { backfillUntil } : {}) });
  for await (const _ of src.items()) out.push(performance.now() - t0);
  return out;
}

describe('replaySource', () => {
  it('keeps relative timing, accelerated by speed (600: a minute in 100 ms)', async () => {
    const t = await timings(600);
    expect(t[3]).toBeGreaterThanOrEqual(290);
    expect(t[1]).toBeGreaterThanOrEqual(90);
  });
  it('plays everything at once at speed max, and the backfill part at once', async () => {
    expect((await timings(Number.POSITIVE_INFINITY))[3]).toBeLessThan(50);
    const t = await timings(600, Date.UTC(2026, 0, 1, 0, 2));
    expect(t[2]).toBeLessThan(50);
    expect(t[3]).toBeGreaterThanOrEqual(90);
  });
});
