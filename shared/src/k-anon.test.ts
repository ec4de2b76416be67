import { describe, expect, it } from 'vitest';
import { guard } from './k-anon';

describe('guard (k-anonymity)', () => {
  it('shows a value only from k distinct authors on', () => {
    expect(guard(40, 4, 5)).toBeNull();
    expect(guard(40, 5, 5)).toBe(40);
  });
  it('never lets k drop below 3', () => {
    expect(guard(10, 2, 1)).toBeNull();
    expect(guard(10, 3, 1)).toBe(10);
  });
});
