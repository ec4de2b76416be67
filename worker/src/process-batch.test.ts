import { type Analysis, type Post, tenantKeys } from '@trendwacht/shared';
import { describe, expect, it } from 'vitest';
import { AuthorHasher } from './authors';
import { type AnalysedPost, foldAnalysed } from './process-batch';

const analysis: Analysis = {
  id: 'p1',
  lang: 'nl',
  themes: [],
  hateful: false,
  hateScore: 0,
  toxicity: 0,
  sentiment: 0,
};
// Synthetic: a first name of the name lists and a surname after it.
const post: Post = {
  id: 'p1',
  source: 'x',
  text: 'Gisteren sprak Jan Peeters over de kermis op het marktplein',
  createdAt: Date.now(),
  authorKey: 'a1',
  tags: [],
};
const item: AnalysedPost = {
  post,
  result: { ok: true, terms: ['jan peeters', 'peeters', 'kermis', 'marktplein'], analysis },
};

const tenant = (id: string, officials: string[]) => {
  const keys = tenantKeys('pb', id);
  return { keys, hasher: new AuthorHasher(null, keys), k: () => 5, officials: () => new Set(officials) };
};

describe('foldAnalysed', () => {
  it('keeps person names out of the terms, except the officials each tenant lists, for one post object folded into several', async () => {
    // The same post object, as a shared stream folds it: its names are read once for all tenants.
    const plain = await foldAnalysed(tenant('a', []), [item]);
    const listing = await foldAnalysed(tenant('b', ['jan', 'peeters']), [item]);
    const again = await foldAnalysed(tenant('c', []), [item]);
    expect([...plain.vocab.keys()].sort()).toEqual(['kermis', 'marktplein']);
    expect([...listing.vocab.keys()].sort()).toEqual(['jan peeters', 'kermis', 'marktplein', 'peeters']);
    expect([...again.vocab.keys()].sort()).toEqual(['kermis', 'marktplein']);
  });
});
