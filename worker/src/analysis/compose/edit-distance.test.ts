import { describe, expect, it } from 'vitest';
import { deletions, editDistance } from './edit-distance';

describe('editDistance', () => {
  it('counts a swap of two adjacent letters as one edit', () => {
    expect(editDistance('immigarnts', 'immigrants')).toBe(1);
    expect(editDistance('womne', 'women')).toBe(1);
  });
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('mooslims', 'moslims')).toBe(1);
    expect(editDistance('mslims', 'moslims')).toBe(1);
    expect(editDistance('joden', 'doden')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });
  it('lists each one-letter deletion', () => {
    expect(deletions('abc')).toEqual(['bc', 'ac', 'ab']);
  });
});
