import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SeenSet } from './dedupe';

describe('SeenSet', () => {
  it('accepts an id once', () => {
    const s = new SeenSet();
    expect(s.add('a')).toBe(true);
    expect(s.add('a')).toBe(false);
  });
  it('stays within its capacity, remembering at least the last capacity/2 ids and forgetting old ones', () => {
    const s = new SeenSet(4);
    for (const id of ['a', 'b', 'c', 'd', 'e']) s.add(id);
    expect(s.size).toBeLessThanOrEqual(4);
    expect(s.add('e')).toBe(false);
    expect(s.add('d')).toBe(false);
    expect(s.add('a')).toBe(true);
  });
  it('never exceeds its capacity and always remembers the last capacity/2 ids (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 50 }),
        fc.array(fc.integer({ min: 0, max: 200 }), { maxLength: 400 }),
        (cap, ids) => {
          const s = new SeenSet(cap);
          const order: number[] = [];
          for (const id of ids) {
            if (s.add(String(id))) order.push(id);
            if (s.size > cap) return false;
          }
          // Each of the last floor(cap/2) accepted ids is still known.
          return order.slice(-Math.floor(cap / 2)).every((id) => !s.add(String(id)));
        },
      ),
    );
  });
});
