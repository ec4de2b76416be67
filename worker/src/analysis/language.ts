import type { Lang } from '@trendwacht/shared';
import { type Hint, normalisePrior, parseHint } from './language-hint';
import { NGRAM_LANGS, ngramScores } from './language-ngrams';
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

/** One pointing word is worth this much of eld's 0..1 score (a correct text scores ~0.78). */
const WORD_WEIGHT = 0.12;
/** How far a foreign language's score must lead the best expected one to call a post `other`. */
const FOREIGN_MARGIN = 0.04;
/** Per pointing word for the expected language, the foreign lead must be this much larger. */
const FOREIGN_MARGIN_PER_WORD = 0.06;
/** With a hint, another analysed language must lead by this much (and have two words) to win. */
const HINT_OVERRIDE = 0.15;
/** Posts of at most this many words count as very short. */
const SHORT = 3;
/** A very short post is plausible in a language that scores at least this share of the best. */
const PLAUSIBLE_SHARE = 0.85;

const INDEX: Readonly<Record<AnalysedLang, number>> = {
  nl: NGRAM_LANGS.indexOf('nl'),
  fr: NGRAM_LANGS.indexOf('fr'),
  en: NGRAM_LANGS.indexOf('en'),
};
const IS_ANALYSED = NGRAM_LANGS.map((l) => l === 'nl' || l === 'fr' || l === 'en');
const scoreBuffer = new Float64Array(NGRAM_LANGS.length);

/**
 * @param tokens the post's tokens (tokenise()); words are counted from these
 * @param raw the scrubbed, normalised text; n-grams are read from this
 * @param hint the platform's language field, e.g. `nl-BE`, `fr`, `en-GB`, `de`
 * @param prior the tenant's expected languages, first one first (default `['nl', 'fr', 'en']`)
 */
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
  const { scores } = ngramScores(raw, scoreBuffer);
  const combined = (l: AnalysedLang) => (scores[INDEX[l]] as number) + WORD_WEIGHT * words[l];

  let best = candidates[0] as AnalysedLang;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const c of candidates) {
    const s = combined(c);
    if (s > bestScore) {
      best = c;
      bestScore = s;
    }
  }
  // The strongest language the tenant does not expect (an analysed one outside the prior too).
  let foreign = 0;
  let overall = bestScore;
  for (let i = 0; i < NGRAM_LANGS.length; i++) {
    const code = NGRAM_LANGS[i] as string;
    let s = scores[i] as number;
    if (IS_ANALYSED[i]) {
      if (candidates.includes(code as AnalysedLang)) continue;
      s = combined(code as AnalysedLang);
    }
    if (s > foreign) foreign = s;
    if (s > overall) overall = s;
  }

  if (h?.kind === 'analysed') {
    if (best === h.lang) return best;
    const clearlyOther = words[best] >= 2 && bestScore > combined(h.lang) + HINT_OVERRIDE;
    return clearlyOther ? best : h.lang;
  }
  if (h?.kind === 'foreign') return words[best] >= 2 && bestScore > foreign ? best : 'other';

  const lead = foreign - bestScore;
  if (lead > FOREIGN_MARGIN + FOREIGN_MARGIN_PER_WORD * words[best]) return 'other';
  if (bestScore <= 0) return 'other';
  if (tokens.length <= SHORT && words[best] < 1) {
    // Too short to tell: the tenant's first language when the post is plausible in it.
    const first = expected[0] as AnalysedLang;
    if (combined(first) >= PLAUSIBLE_SHARE * overall) return first;
    return best === first || bestScore < PLAUSIBLE_SHARE * overall ? 'other' : best;
  }
  return best;
}
