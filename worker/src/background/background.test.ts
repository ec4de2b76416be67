import { describe, expect, it } from 'vitest';
import { countsOf, renderList } from './build';
import * as background from './index';
import {
  BACKGROUND_LANGS,
  BackgroundDataError,
  backgroundShare,
  distinctiveness,
  isFiller,
  parseList,
  postShare,
} from './index';

describe('the background vocabulary', () => {
  it('has a list per language whose function words are the most common', () => {
    const top = { nl: ['de', 'het', 'een'], fr: ['de', 'la', 'les'], en: ['the', 'and', 'you'] } as const;
    for (const lang of BACKGROUND_LANGS) {
      for (const w of top[lang]) expect(backgroundShare(lang, w)).toBeGreaterThan(0.005);
      // A made-up word is far rarer than any listed one, but not impossible.
      expect(backgroundShare(lang, 'qzxwvplonk')).toBeGreaterThan(0);
      expect(backgroundShare(lang, 'qzxwvplonk')).toBeLessThan(1e-6);
    }
  });
  it('marks stopwords, short and very common words as filler, content words not', () => {
    expect(isFiller('en', 'the')).toBe(true);
    expect(isFiller('en', 'people')).toBe(true);
    expect(isFiller('nl', 'het')).toBe(true);
    expect(isFiller('fr', 'avec')).toBe(true);
    expect(isFiller('en', 'of the')).toBe(true);
    expect(isFiller('en', 'explosion')).toBe(false);
    expect(isFiller('nl', 'kermis')).toBe(false);
    expect(isFiller('fr', 'incendie')).toBe(false);
    // A phrase with one content word is not filler.
    expect(isFiller('en', 'the explosion')).toBe(false);
    // 'other' (mixed streams): common in any language is common.
    expect(isFiller('other', 'van')).toBe(true);
    // A narrative's phrase rests as one token (words joined by U+02D1): read as its words.
    expect(isFiller('nl', 'het\u02d1van\u02d1de')).toBe(true);
    expect(backgroundShare('nl', 'brand\u02d1sporthal')).toBeCloseTo(backgroundShare('nl', 'brand sporthal'), 15);
  });
  it('gives a phrase at most a share of its rarest word', () => {
    const phrase = backgroundShare('en', 'fire station');
    expect(phrase).toBeLessThan(backgroundShare('en', 'fire'));
    expect(phrase).toBeLessThan(backgroundShare('en', 'station'));
    expect(phrase).toBeGreaterThan(0);
  });
  it('scores a rare word used often now as distinctive, a common word used as often not', () => {
    const rare = distinctiveness('en', 'explosion', 30, 200);
    const common = distinctiveness('en', 'people', 30, 200);
    expect(rare.logOdds).toBeGreaterThan(common.logOdds + 2);
    expect(rare.z).toBeGreaterThan(5);
    // Used at its background rate, a word is not distinctive.
    const pb = postShare(backgroundShare('en', 'people'));
    const usual = distinctiveness('en', 'people', Math.round(pb * 10_000), 10_000);
    expect(Math.abs(usual.z)).toBeLessThan(2);
    // The prior keeps a single use of a rare word modest next to thirty.
    expect(distinctiveness('en', 'explosion', 1, 200).z).toBeLessThan(rare.z / 2);
  });
  it('counts in posts or in tokens', () => {
    const posts = distinctiveness('nl', 'brand', 10, 100);
    const tokens = distinctiveness('nl', 'brand', 10, 100, { per: 'token' });
    expect(posts.background).toBeGreaterThan(tokens.background);
    expect(postShare(0.01, 12)).toBeCloseTo(1 - 0.99 ** 12, 10);
  });
  it('refuses a bad list with the file and line', () => {
    const ok = '# source: test\nterm\tper_million\nwoord\t12.5\n';
    expect(parseList('nl', ok).shares.get('woord')).toBeCloseTo(12.5e-6, 12);
    expect(() => parseList('nl', 'term\tper_million\nwoord\t1\n')).toThrow(/source/);
    expect(() => parseList('nl', '# source: t\nterm\tcount\nwoord\t1\n')).toThrow(BackgroundDataError);
    expect(() => parseList('nl', '# source: t\nterm\tper_million\nwoord\tveel\n', 'x.tsv')).toThrow(/x\.tsv:3/);
    expect(() => parseList('nl', '# source: t\nterm\tper_million\nWoord\t1\n')).toThrow(/lowercase/);
    expect(() => parseList('nl', '# source: t\nterm\tper_million\nwoord\t1\nwoord\t2\n')).toThrow(/duplicate/);
  });
  it('builds a list from counts: lowercased, case variants summed, shares of all tokens', () => {
    const arpa =
      '\\data\\\nngram 1=4\n\n\\1-grams:\n1 <s>\n60 Kermis\n20 kermis\n10 op-en-neer\n9 stad\n\\2-grams:\n5 de stad\n';
    const { counts, tokens } = countsOf('arpa', arpa);
    expect(counts.get('kermis')).toBe(80);
    expect(counts.has('op-en-neer')).toBe(false);
    expect(tokens).toBe(99);
    const list = parseList('nl', renderList('nl', counts, tokens, 'synthetic', 10));
    expect(list.shares.get('kermis')).toBeCloseTo(80 / 99, 3);
    expect([...list.shares.keys()]).toEqual(['kermis', 'stad']);
  });
});

describe('a stream of mixed languages', () => {
  it('weighs the languages by their part of the stream', () => {
    const { mixedShare } = background;
    expect(mixedShare({ en: 1 }, 'van')).toBeCloseTo(backgroundShare('en', 'van'), 12);
    expect(mixedShare({ nl: 1, en: 1 }, 'van')).toBeCloseTo(
      (backgroundShare('en', 'van') + backgroundShare('nl', 'van')) / 2,
      12,
    );
    expect(mixedShare({ other: 5 }, 'van')).toBeCloseTo(backgroundShare('other', 'van'), 12);
  });
});
