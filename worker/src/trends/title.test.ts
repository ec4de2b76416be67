import { ALL } from '@trendwacht/shared';
import { afterAll, describe, expect, it } from 'vitest';
import { dropRoot, testKeys, testRedis, uniqueRoot } from '../../../test/helpers';
import { storyTitle } from './title';

const redis = testRedis();
const root = uniqueRoot();
const keys = testKeys(root);
afterAll(async () => {
  await dropRoot(redis, root);
  await redis.quit();
});

const HOUR = 3_600_000;
const hour = Math.floor(Date.now() / HOUR) * HOUR;

/** An hour's term list: each term with the ids of its authors (its count is their number). */
async function termList(at: number, terms: Record<string, string[]>): Promise<void> {
  for (const [term, authors] of Object.entries(terms)) {
    await redis.zadd(keys.terms(ALL, at), authors.length, term);
    await redis.pfadd(keys.termAuthorsPrefix(ALL, at) + term, ...authors);
  }
}
const ids = (tag: string, n: number) => Array.from({ length: n }, (_, i) => `${tag}${i}`);
const deps = (k = 5) => ({
  redis,
  keys,
  k,
  filler: (p: string) => p.split(' ').every((w) => ['de', 'van', 'het', 'veel'].includes(w)),
  distinct: () => 0,
});

describe('a story title', () => {
  it("is a phrase made of the story's strongest words, two pairs of the same authors told as one phrase of three", async () => {
    const same = ids('a', 7);
    await termList(hour, {
      'grote brand': ids('g', 6),
      'brand sporthal': same,
      'sporthal zottegem': same,
      'veel rook': ids('r', 6),
      'de van': ids('x', 9),
    });
    const own = [
      { term: 'sporthal', count: 20 },
      { term: 'brand', count: 20 },
      { term: 'zottegem', count: 18 },
    ];
    expect(await storyTitle(deps(), own, hour + 5 * 60_000)).toBe('brand sporthal zottegem');
  });
  it('keeps a pair when the next pair is used by other authors', async () => {
    const at = hour - 5 * HOUR;
    await termList(at, { 'brand sporthal': ids('p', 6), 'sporthal zottegem': ids('q', 6) });
    const own = [
      { term: 'brand', count: 20 },
      { term: 'sporthal', count: 10 },
    ];
    expect(await storyTitle(deps(), own, at)).toBe('brand sporthal');
  });
  it('is null without a phrase of k authors that holds one of its words (then its strongest word titles it)', async () => {
    const at = hour - 10 * HOUR;
    await termList(at, { 'brand sporthal': ids('s', 4), 'fiets markt': ids('f', 9) });
    expect(await storyTitle(deps(), [{ term: 'brand', count: 9 }], at)).toBeNull();
  });
});
