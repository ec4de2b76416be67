import { describe, expect, it } from 'vitest';
import { surprise } from './count-model';
import { DEFAULT_SHARE_MODEL, type ShareEvidence, shareMean, shareSurprise } from './share-model';

const O = { ...DEFAULT_SHARE_MODEL, minExpected: 0.1 };
/** A town's name: rare in a corpus (one post in 4,000), common in its own stream. */
const TOWN = 2.5e-4;

describe('a term judged over what the stream knows of its share', () => {
  it('finds five posts of a rare word not yet news after one hour of a few dozen posts', () => {
    // One hour of 65 posts without the word, then 5 of the 40 of the next hour.
    const early: ShareEvidence = { mine: 0, total: 65, prior: TOWN, posts: 40, size: 1e6 };
    expect(shareSurprise(5, early, O)).toBeLessThan(6);
    // The same five posts after a day of 2,000 posts without it are.
    const known: ShareEvidence = { ...early, total: 2000 };
    expect(shareSurprise(5, known, O)).toBeGreaterThan(6);
  });

  it('learns the stream’s own share of a word the corpus thinks rare', () => {
    // Used in one post of 25 over two days: its expectation follows the stream, not the corpus.
    const local: ShareEvidence = { mine: 80, total: 2000, prior: TOWN, posts: 100, size: 1e6 };
    expect(shareMean(local, O)).toBeGreaterThan(3);
    expect(shareMean(local, O)).toBeLessThan(5);
    expect(shareSurprise(6, local, O)).toBeLessThan(1);
  });

  it('keeps a burst of a word never seen in a long past as surprising as a plain count model', () => {
    const never: ShareEvidence = { mine: 0, total: 5000, prior: 1e-6, posts: 30, size: 1e6 };
    const s = shareSurprise(8, never, O);
    expect(s).toBeGreaterThan(8);
    // Never more surprising than against the floor of the expectation.
    expect(s).toBeLessThanOrEqual(surprise(8, O.minExpected, 1e6) + 1e-9);
  });

  it('does not let a corpus that has never seen a phrase outweigh a stream that uses it daily', () => {
    // A phrase of two common words the corpus lacks, in 6 of 220 posts of the last hours.
    const phrase: ShareEvidence = { mine: 6, total: 220, prior: 1e-8, posts: 84, size: 1e6 };
    expect(shareMean(phrase, O)).toBeGreaterThan(1);
    expect(shareSurprise(5, phrase, O)).toBeLessThan(3);
  });
});
