import type { Lang } from '@trendwacht/shared';
import { frequencyList } from '../background/frequencies';
import { isKnownWord } from './compose/known-words';
import { lexiconIndex } from './compose/lexicon-index';
import { ONE_LETTER } from './compose/respell';
import type { AnalysedLang } from './lexicon';

/**
 * Posts written as one run of words ("jehaislesjuifs", "#gasthejews") carry no spaces for
 * the language detector's word evidence and few n-grams it trusts. Such a run is split into
 * the words of each candidate language (dictionary and lexicon words, weighed by how common
 * they are in ordinary language); the language with the most probable split is the post's.
 */
const MIN_RUN = 9;
const MAX_RUN = 60;
const MAX_PIECE = 20;
const MAX_TOKENS = 3;
/** Average piece length a split must reach to count (a run of 2-letter "words" is noise). */
const MIN_MEAN_PIECE = 3.2;

/** Whether a post is a glued run worth splitting: few tokens, one long word no language knows. */
export function isGlued(tokens: readonly string[], candidates: readonly AnalysedLang[]): boolean {
  if (tokens.length === 0 || tokens.length > MAX_TOKENS) return false;
  return tokens.some((t) => t.length >= MIN_RUN && t.length <= MAX_RUN && candidates.every((l) => !isKnownWord(l, t)));
}

/** The candidate language whose words split the post's runs best, if one does. */
export function gluedLanguage(tokens: readonly string[], candidates: readonly AnalysedLang[]): Lang | undefined {
  let best: AnalysedLang | undefined;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const lang of candidates) {
    let score = 0;
    for (const t of tokens) score += t.length >= MIN_RUN ? splitLogProb(lang, t) : wordLogProb(lang, t);
    if (score > bestScore) {
      best = lang;
      bestScore = score;
    }
  }
  return bestScore > Number.NEGATIVE_INFINITY ? best : undefined;
}

/** Log-probability of a word in ordinary language (background lists); known but unlisted words are rare. */
function wordLogProb(lang: AnalysedLang, word: string): number {
  const list = frequencyList(lang);
  const share = list.shares.get(word);
  if (share !== undefined) return Math.log(share);
  const ok =
    word.length === 1 ? ONE_LETTER[lang].has(word) : isKnownWord(lang, word) || lexiconIndex(lang).surfaces.has(word);
  return ok ? Math.log(list.floor / 10) : Number.NEGATIVE_INFINITY;
}

/**
 * The most probable split of a run into words of `lang` (a unigram model over the
 * background list), as its log-probability; −∞ when no split into words exists or its
 * pieces are too short on average to be a sentence.
 */
function splitLogProb(lang: AnalysedLang, run: string): number {
  const n = run.length;
  const best = new Array<number>(n + 1).fill(Number.NEGATIVE_INFINITY);
  const count = new Array<number>(n + 1).fill(0);
  best[0] = 0;
  for (let i = 1; i <= n; i++) {
    for (let j = Math.max(0, i - MAX_PIECE); j < i; j++) {
      if (best[j] === Number.NEGATIVE_INFINITY) continue;
      const p = wordLogProb(lang, run.slice(j, i));
      if (p === Number.NEGATIVE_INFINITY) continue;
      const score = (best[j] as number) + p;
      if (score > (best[i] as number)) {
        best[i] = score;
        count[i] = (count[j] as number) + 1;
      }
    }
  }
  const total = best[n] as number;
  if (total === Number.NEGATIVE_INFINITY || n / (count[n] as number) < MIN_MEAN_PIECE) return Number.NEGATIVE_INFINITY;
  return total;
}
