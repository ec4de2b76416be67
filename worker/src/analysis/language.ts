import type { Lang } from '@trendwacht/shared';
import { knownWords } from './compose/known-words';
import { type Hint, normalisePrior, parseHint } from './language-hint';
import { NGRAM_LANGS, ngramScores, scaleScore } from './language-ngrams';
import { LANGUAGE_WORDS } from './language-words';
import type { AnalysedLang } from './lexicon';

export { DEFAULT_PRIOR } from './language-hint';

/**
 * Language identification for nl, fr, en and `other`, built for short posts.
 *
 * Evidence: eld's character n-gram scores for 60 languages (language-ngrams.ts), words that
 * point to an analysed language (language-words.tsv), the platform's language field (hint)
 * and the languages the tenant expects (prior). The decision is among the prior's languages
 * (plus a hinted analysed one) and `other`: a language outside them wins, as `other`, only
 * when its n-grams clearly beat the best expected language. Very short posts with no
 * evidence fall back to the tenant's first language when they are plausible in it.
 */

/**
 * Points a pointing word adds to its language's n-gram sum (a well-matched n-gram brings
 * about 90, a very distinctive one 200). Not counted as an n-gram, so a word weighs most
 * in a short post, where the few n-grams say least.
 */
const WORD_POINTS = 120;
/** How far a foreign language's score must lead the best expected one to call a post `other`. */
const FOREIGN_MARGIN = 0.05;
/** With a hint, another analysed language must lead by this much (with a word and reliable n-grams) to win. */
const HINT_OVERRIDE = 0.1;
/** eld calls a result from fewer n-grams than this unreliable. */
const RELIABLE_GRAMS = 3;
/** Posts of at most this many words count as very short. */
const SHORT = 3;
/** In a very short post, another expected language must lead the first by this much to be chosen. */
const PREFER_OTHER = 0.05;
/** A very short post is plausible in a language that scores at least this share of the best. */
const PLAUSIBLE_SHARE = 0.85;

/**
 * Letter patterns typical of each language's spelling and rare in its neighbours' (Dutch
 * ij/oe/ui/aa/uu, French accents and -eau/-eux, English th/wh/-ing): what makes a lone
 * "Hoera!" plausible Dutch when eld's n-grams know too little.
 */
const PLAUSIBLE_LETTERS: Readonly<Record<AnalysedLang, RegExp>> = {
  nl: /ij|oe|ui|aa|uu/,
  fr: /[éèêàçœ]|eau|eux\b|oux?\b/,
  en: /th|wh|ing\b/,
};

const INDEX: Readonly<Record<AnalysedLang, number>> = {
  nl: NGRAM_LANGS.indexOf('nl'),
  fr: NGRAM_LANGS.indexOf('fr'),
  en: NGRAM_LANGS.indexOf('en'),
};
const ANALYSED_LANGS: readonly AnalysedLang[] = ['nl', 'fr', 'en'];
const ANALYSED_AT = NGRAM_LANGS.map((l) => (l === 'nl' || l === 'fr' || l === 'en' ? l : undefined));
const sumBuffer = new Float64Array(NGRAM_LANGS.length);

/**
 * @param tokens the post's tokens (tokenise()); words are counted from these
 * @param raw the scrubbed, normalised text; n-grams are read from this
 * @param hint the platform's language field, e.g. `nl-BE`, `fr`, `en-GB`, `de`
 * @param prior the tenant's expected languages, first one first (default `['nl', 'fr', 'en']`)
 */
function langScore(sums: Float64Array, words: Record<AnalysedLang, number>, grams: number, l: AnalysedLang): number {
  return scaleScore((sums[INDEX[l]] as number) + WORD_POINTS * words[l], grams);
}

export function detectLanguage(tokens: readonly string[], raw: string, hint?: string, prior?: readonly Lang[]): Lang {
  const expected = normalisePrior(prior);
  const h: Hint = parseHint(hint);
  const candidates = h?.kind === 'analysed' && !expected.includes(h.lang) ? [h.lang, ...expected] : expected;

  const words = { nl: 0, fr: 0, en: 0 };
  for (const t of tokens) {
    const v = LANGUAGE_WORDS.get(t);
    if (!v) continue;
    words.nl += v.nl;
    words.fr += v.fr;
    words.en += v.en;
  }
  // A hinted language no other candidate has a pointing word for cannot be overruled
  // (an override needs a word of the winner, see below): no need for the n-grams.
  if (h?.kind === 'analysed' && candidates.every((c) => c === h.lang || words[c] < 1)) return h.lang;
  const { sums, grams, known } = ngramScores(raw, sumBuffer);
  const score = (l: AnalysedLang) => langScore(sums, words, grams, l);

  let best = candidates[0] as AnalysedLang;
  let bestScore = -1;
  for (const c of candidates) {
    const s = score(c);
    if (s > bestScore) {
      best = c;
      bestScore = s;
    }
  }
  // The strongest language the tenant does not expect (an analysed one outside the prior too).
  // Scores grow with sums, so the largest sum of the languages we never analyse is enough.
  let foreignSum = 0;
  for (let i = 0; i < sums.length; i++)
    if (!ANALYSED_AT[i] && (sums[i] as number) > foreignSum) foreignSum = sums[i] as number;
  let foreign = scaleScore(foreignSum, grams);
  for (const l of ANALYSED_LANGS) if (!candidates.includes(l)) foreign = Math.max(foreign, score(l));

  if (h?.kind === 'analysed') {
    if (best === h.lang) return best;
    // "Clearly": a lead with enough n-grams to trust and at least one word of that language.
    const clearly = bestScore > score(h.lang) + HINT_OVERRIDE && known >= RELIABLE_GRAMS && words[best] >= 1;
    return clearly ? best : h.lang;
  }
  if (h?.kind === 'foreign') return words[best] >= 1 && bestScore > foreign ? best : 'other';
  const lead = foreign - bestScore;
  if (tokens.length > SHORT || words[best] >= 1) {
    if (bestScore <= 0 && foreign <= 0) return 'other'; // no word and no n-gram eld knows
    return lead > FOREIGN_MARGIN ? 'other' : best;
  }
  // Very short and no pointing word: the tenant's first language when the post is plausible in it.
  const first = expected[0] as AnalysedLang;
  const reliable = known >= RELIABLE_GRAMS;
  // One known n-gram ("kermis" shares one with French) is no reason to leave the first language.
  if (best !== first && bestScore - score(first) > PREFER_OTHER && known >= 2)
    return lead > FOREIGN_MARGIN ? 'other' : best;
  if (known > 0 && score(first) >= PLAUSIBLE_SHARE * Math.max(foreign, bestScore)) return first;
  // Fewer than 3 known n-grams is too little for eld to be sure of the foreign language either.
  if (reliable && lead > FOREIGN_MARGIN) return 'other';
  if (tokens.some((t) => PLAUSIBLE_LETTERS[first].test(t))) return first;
  // Words of the first language's dictionary: "bizar", "onzin", "chapeau" are Dutch too.
  if (tokens.every((t) => knownWords(first).has(t))) return first;
  return 'other';
}
