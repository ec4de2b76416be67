import { describe, expect, it } from 'vitest';
import { kindOf } from './bench-memory';
import { hotSpots } from './cpu-profile';

const frame = (id: number, functionName: string, url = '') => ({
  id,
  callFrame: { functionName, url, lineNumber: 0 },
});

describe('bench figures', () => {
  it('sums a CPU profile’s self time per function, idle left out, highest first', () => {
    const profile = {
      nodes: [
        frame(1, '(root)'),
        frame(2, '(idle)'),
        frame(3, 'fold', 'file:///w/worker/src/aggregate.ts'),
        frame(4, '(garbage collector)'),
      ],
      samples: [2, 3, 3, 4, 3, 2],
      timeDeltas: [0, 1000, 1000, 1000, 1000, 1000],
    };
    const { busyMs, rows } = hotSpots([profile]);
    // A sample lasts until the next one (its time is the next delta).
    expect(busyMs).toBe(4);
    expect(rows.map((r) => [r.name, r.selfMs])).toEqual([
      ['fold', 3],
      ['(garbage collector)', 1],
    ]);
    expect(rows[0]?.where).toBe('worker/src/aggregate.ts:1');
  });

  it('names a key by its kind, without tenant, series, bucket or hash', () => {
    expect(kindOf('{bench}:pa:minute:all:lang:nl:1764660000000')).toBe('pa:minute');
    expect(kindOf('{bench}:v:2026-12-02:a:0123abcd')).toBe('v:a');
    expect(kindOf('{bench}:terms:all:1764658800000:p')).toBe('terms:p');
    expect(kindOf('{bench}:ta:all:1764658800000:#0123')).toBe('ta:#');
    expect(kindOf('{bench}:s:1485:3fa0')).toBe('s');
    expect(kindOf('{bench}:batches:42')).toBe('bullmq:job');
  });
});
