import { ALL, type Analysis, type Granularity, bucketStart, tenantKeys } from '@trendwacht/shared';
import { describe, expect, it } from 'vitest';
import { emptyDelta, fold } from './aggregate';
import { rollUp } from './fold-slots';
import { DEFAULT_RETENTION, expireAt } from './retention';

const keys = tenantKeys('fs', 't');
const analysis = (lang: 'nl' | 'fr', theme?: string): Analysis => ({
  id: 'p',
  lang,
  themes: theme ? [{ id: theme, score: 0.8, stance: 'attacking', target: 'migrants' }] : [],
  hateful: false,
  hateScore: 0,
  toxicity: 0,
  sentiment: 0,
});

/** Posts over two days, hours and minutes, some authors in several of them, one without an author. */
const day0 = Date.UTC(2026, 10, 30, 23, 0);
const POSTS = [
  { at: day0 + 10_000, lang: 'nl', author: 'a' },
  { at: day0 + 20_000, lang: 'fr', author: 'b', theme: 'hate' },
  { at: day0 + 70_000, lang: 'nl', author: 'a', theme: 'hate' },
  { at: day0 + 65 * 60_000, lang: 'nl', author: 'c' },
  { at: day0 + 30_000, lang: 'nl', author: undefined },
  { at: day0 + 62 * 60_000, lang: 'fr', author: 'b', theme: 'hate' },
  { at: day0 + 15_000, lang: 'nl', author: 'd', theme: 'hate' },
] as const;

function folded() {
  const d = emptyDelta();
  for (const p of POSTS) {
    const a = analysis(p.lang, 'theme' in p ? p.theme : undefined);
    fold(d, { analysis: a, terms: [], createdAt: p.at, source: 'x', author: p.author }, keys);
  }
  return d;
}

/** What each hour and day cell must hold, counted from the posts directly. */
function expected(series: string, g: Granularity, bucket: number) {
  const mine = POSTS.filter(
    (p) => bucketStart(p.at, g) === bucket && (series === ALL || ('theme' in p && p.theme === series)),
  );
  const authors = new Set(mine.flatMap((p) => (p.author ? [p.author] : [])));
  const nl = mine.filter((p) => p.lang === 'nl');
  return {
    posts: mine.length,
    nl: nl.length,
    authors,
    nlAuthors: new Set(nl.flatMap((p) => (p.author ? [p.author] : []))),
  };
}

describe('rollUp', () => {
  it('sums the minutes into hours and days: fields, authors, part sketches and expiries as if folded there', () => {
    const d = folded();
    const hash = (i: number) => d.authors[i - 1];
    expect(d.cells.has(keys.cell(ALL, 'hour', bucketStart(day0, 'hour')))).toBe(false);
    rollUp(d);
    for (const series of [ALL, 'hate']) {
      for (const g of ['hour', 'day'] as const) {
        const buckets = new Set(POSTS.map((p) => bucketStart(p.at, g)));
        expect(buckets.size).toBe(2);
        for (const bucket of buckets) {
          const want = expected(series, g, bucket);
          const cell = d.cells.get(keys.cell(series, g, bucket));
          expect(cell?.fields.get('posts')).toBe(want.posts);
          expect(cell?.fields.get('lang:nl') ?? 0).toBe(want.nl);
          expect(cell?.expireAt).toBe(expireAt(bucket, g, DEFAULT_RETENTION));
          const authors = d.authorSets.get(keys.cellAuthors(series, g, bucket))?.authors ?? new Set<number>();
          expect(new Set([...authors].map(hash))).toEqual(want.authors);
          const nl = d.authorSets.get(keys.partAuthors(series, 'lang:nl', g, bucket))?.authors ?? new Set<number>();
          expect(new Set([...nl].map(hash))).toEqual(want.nlAuthors);
        }
      }
    }
    // The minutes stay as folded.
    expect(d.cells.get(keys.cell(ALL, 'minute', bucketStart(day0, 'minute')))?.fields.get('posts')).toBe(4);
  });

  it('runs once, and a delta rolled up takes no more posts', () => {
    const d = folded();
    rollUp(d);
    const hour = keys.cell(ALL, 'hour', bucketStart(day0, 'hour'));
    const before = d.cells.get(hour)?.fields.get('posts');
    rollUp(d);
    expect(d.cells.get(hour)?.fields.get('posts')).toBe(before);
    const post = { analysis: analysis('nl'), terms: [], createdAt: day0, source: 'x', author: 'e' };
    expect(() => fold(d, post, keys)).toThrow('delta_rolled_up');
  });
});
