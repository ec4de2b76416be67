import { describe, expect, it } from 'vitest';
import { SeenSet } from './dedupe';

describe('SeenSet', () => {
  it('accepts an id once', () => {
    const s = new SeenSet();
    expect(s.add('a')).toBe(true);
    expect(s.add('a')).toBe(false);
  });
  it('stays within its capacity, forgetting the oldest ids first', () => {
    const s = new SeenSet(3);
    for (const id of ['a', 'b', 'c', 'd']) s.add(id);
    expect(s.size).toBe(3);
    expect(s.add('d')).toBe(false);
    expect(s.add('a')).toBe(true);
  });
});
