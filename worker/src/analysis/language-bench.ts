import type { Lang } from '@trendwacht/shared';
import { detectLanguage } from './language';
import { type Accuracy, type LangCase, droppedBeforeLanguage, measure, prepareText } from './language-eval';
import { detectLanguageLegacy } from './language-legacy';

export { loadDevCases, loadOtherSuites, loadShortSuite, percent, type Accuracy, type LangCase } from './language-eval';
export { NGRAM_SOURCE } from './language-ngrams';

/**
 * Old against new language identification, for `trendwacht bench-language`: accuracy per
 * set and language, and speed on the same prepared posts in one run (the machine is
 * shared and noisy, so the ratio is the figure to read, not the absolute rate).
 */
export type Detectors = Record<'old' | 'new', (tokens: readonly string[], raw: string) => Lang>;
export const DETECTORS: Detectors = {
  old: (tokens, raw) => detectLanguageLegacy(tokens, raw),
  new: (tokens, raw) => detectLanguage(tokens, raw),
};

export function compareAccuracy(cases: readonly LangCase[]): Record<'old' | 'new', Accuracy> {
  return { old: measure(cases, DETECTORS.old), new: measure(cases, DETECTORS.new) };
}

export type Speed = { posts: number; postsPerSecond: Record<'old' | 'new', number>; ratio: number };

/**
 * Posts per second of each detector on `texts` (scrubbed, normalised and tokenised
 * beforehand: only language identification is timed), best of `rounds`, old and new
 * alternating within each round so both see the same machine load.
 */
export function compareSpeed(texts: readonly string[], rounds: number): Speed {
  const posts = texts.map(prepareText).filter((p) => !droppedBeforeLanguage(p.tokens));
  const best = { old: 0, new: 0 };
  let sink = 0; // keeps the calls from being optimised away
  for (let r = 0; r <= rounds; r++) {
    for (const name of ['old', 'new'] as const) {
      const detect = DETECTORS[name];
      const t0 = process.hrtime.bigint();
      for (const p of posts) if (detect(p.tokens, p.raw) === 'other') sink++;
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      if (r > 0) best[name] = Math.max(best[name], posts.length / seconds); // round 0 warms up
    }
  }
  if (sink < 0) throw new Error('unreachable');
  return {
    posts: posts.length,
    postsPerSecond: { old: Math.round(best.old), new: Math.round(best.new) },
    ratio: Math.round((best.new / best.old) * 100) / 100,
  };
}
