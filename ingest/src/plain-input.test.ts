import { PostInputSchema } from '@trendwacht/shared';
import { describe, expect, it } from 'vitest';
import { plainPostInput } from './plain-input';
import { normalisePostInput } from './post-input';

const now = Date.parse('2026-11-23T12:00:00Z');
const x = (n: number) => 'x'.repeat(n);
/** Per field: values on both sides of each bound of PostInputSchema, and wrong types. */
const values: Record<string, unknown[]> = {
  id: ['a', '', x(256), x(257), 0, 7, -0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, null, undefined, true],
  source: [undefined, 'mastodon', 'Bad!', '', x(40), x(41), null, 5],
  text: ['Markt in Geel', '', '  ', 42, undefined, x(10_001)],
  lang: [undefined, 'nl', x(16), x(17), null, 3, ''],
  createdAt: ['2026-11-23T10:00:00Z', '', 'nope', 1_795_000_000, Number.NaN, Number.POSITIVE_INFINITY, null, undefined],
  authorKey: [undefined, 'u1', '', x(256), x(257), 99, Number.NaN, Number.NEGATIVE_INFINITY, null],
  url: [undefined, 'https://x.be/1', '', x(2048), x(2049), null],
  tags: [
    undefined,
    [],
    ['a'],
    [x(100)],
    [x(101)],
    Array(50).fill('t'),
    Array(51).fill('t'),
    [1],
    'a',
    null,
    [undefined, 'a'],
  ],
  success: [undefined, true],
};
const fields = Object.keys(values);
const base = Object.fromEntries(fields.map((f) => [f, values[f]?.[0]]));

/** The same fields on a class instance: not plain, so the schema decides. */
class Item {}
const viaSchema = (item: object) => Object.assign(new Item(), item);

function cases(): object[] {
  const out: object[] = [];
  for (const f of fields) for (const v of values[f] ?? []) out.push({ ...base, [f]: v });
  let seed = 17;
  const pick = <T>(a: T[]) => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return a[seed % a.length] as T;
  };
  for (let i = 0; i < 1000; i++) out.push(Object.fromEntries(fields.map((f) => [f, pick(values[f] ?? [])])));
  return out;
}

describe('plainPostInput', () => {
  it('accepts a typical item (the fast path is taken)', () => {
    expect(
      plainPostInput({ id: 7, text: 'Markt in Geel', createdAt: '2026-11-23T10:00:00Z', authorKey: 99 }),
    ).not.toBeNull();
    expect(plainPostInput(base)).toBe(base);
  });
  it('accepts only what the schema accepts, and normalises to the same post or reject', () => {
    let plain = 0;
    for (const item of cases()) {
      const fast = plainPostInput(item);
      if (fast) {
        plain++;
        expect(PostInputSchema.safeParse(item).success, JSON.stringify(item).slice(0, 200)).toBe(true);
      }
      expect(normalisePostInput(item, 'file', now)).toEqual(normalisePostInput(viaSchema(item), 'file', now));
    }
    expect(plain).toBeGreaterThan(50);
  });
  it('leaves non-plain values to the schema', () => {
    for (const v of [null, undefined, 'x', 5, [], new Date(), viaSchema(base)]) expect(plainPostInput(v)).toBeNull();
  });
});
