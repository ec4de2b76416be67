/**
 * How common a word or phrase is in ordinary language, per language (nl, fr, en), and how
 * distinctive it is now against that background. Used by the trend detector (common words
 * never seed a story; novelty is measured against the background) and by narratives
 * (distinctive labels and top terms). The lists and their sources: data/README.md.
 *
 * Units: the lists give shares of tokens. Counts of posts (the detector's term series, a
 * narrative's words) are compared with the share of posts that hold the term at least once,
 * 1 − (1 − p)^L for a post of L tokens.
 */
import { NEGATIONS, STOPWORDS } from '../analysis/lexicon';
import { BACKGROUND_LANGS, type BackgroundLang, frequencyList } from './frequencies';

export { BACKGROUND_LANGS, type BackgroundLang, BackgroundDataError, parseList } from './frequencies';

/** Words of this many per million tokens or more are filler (about the top 300 of a language). */
export const FILLER_PER_MILLION = 500;
/** A phrase is at most this share of its rarest word (most word pairs are far rarer). */
export const PHRASE_FACTOR = 0.05;
/** Tokens in a typical short post (for post shares). */
export const TOKENS_PER_POST = 12;
/** Weight of the background in the smoothed share now, in posts (or tokens). */
export const PRIOR_WEIGHT = 50;

const langsOf = (lang: string): readonly BackgroundLang[] =>
  (BACKGROUND_LANGS as readonly string[]).includes(lang) ? [lang as BackgroundLang] : BACKGROUND_LANGS;

/** A term's words: a pair with a space, a narrative's phrase joined by PHRASE_JOIN (U+02D1). */
const wordsOf = (term: string) =>
  term
    .toLowerCase()
    .split(/[\s\u02d1]+/)
    .filter(Boolean);

function wordShare(lang: BackgroundLang, word: string): number {
  const list = frequencyList(lang);
  return list.shares.get(word) ?? list.floor / 2;
}

/**
 * The share of tokens a word (or a phrase, as a run of tokens) takes in ordinary language.
 * A word not in the list is rarer than its rarest word (half of it); a phrase takes
 * PHRASE_FACTOR of its rarest word. `lang` outside nl/fr/en (a mixed stream, 'other')
 * takes the largest share over the three: common in any of them is common.
 */
export function backgroundShare(lang: string, term: string): number {
  const words = wordsOf(term);
  if (words.length === 0) return 0;
  let best = 0;
  for (const l of langsOf(lang)) {
    const shares = words.map((w) => wordShare(l, w));
    const share = words.length === 1 ? (shares[0] as number) : Math.min(...shares) * PHRASE_FACTOR;
    best = Math.max(best, share);
  }
  return best;
}

export type LangMix = Partial<Record<string, number>>;

/**
 * The background share of a term in a stream of mixed languages: the shares in nl, fr and
 * en weighed by how much of the stream is in each (other languages left out); a stream
 * with none of the three takes the largest share (as 'other' does).
 */
export function mixedShare(mix: LangMix, term: string): number {
  let total = 0;
  let sum = 0;
  for (const l of BACKGROUND_LANGS) {
    const w = Math.max(0, mix[l] ?? 0);
    total += w;
    if (w > 0) sum += w * backgroundShare(l, term);
  }
  return total > 0 ? sum / total : backgroundShare('other', term);
}

/** The share of posts holding the term at least once, from its share of tokens. */
export function postShare(tokenShare: number, tokensPerPost = TOKENS_PER_POST): number {
  return 1 - (1 - tokenShare) ** tokensPerPost;
}

export type Distinctiveness = {
  /** Log-odds of the smoothed share now against the background share (natural log). */
  logOdds: number;
  /** logOdds over its standard error: how sure (≥ 2–3 is distinctive, not chance). */
  z: number;
  /** The share now, smoothed towards the background with PRIOR_WEIGHT. */
  share: number;
  /** The background share, in the same unit as the counts. */
  background: number;
};

export type DistinctOptions = {
  /** What countNow and totalNow count: posts (default) or tokens. */
  per?: 'post' | 'token';
  tokensPerPost?: number;
  priorWeight?: number;
  /** A stream of several languages: the background is `mixedShare(mix, term)` (lang unused). */
  mix?: LangMix;
};

/**
 * How much more a term is used now than in ordinary language: the log-odds of its share
 * now (countNow of totalNow, smoothed towards the background with an informative prior)
 * against its background share, with a z-score (Monroe, Colaresi & Quinn 2008, "Fightin'
 * Words", with the background as the prior). Common words score low however often they
 * are used; a word never seen in ordinary language scores high from a few uses.
 */
export function distinctiveness(
  lang: string,
  term: string,
  countNow: number,
  totalNow: number,
  o: DistinctOptions = {},
): Distinctiveness {
  const token = o.mix ? mixedShare(o.mix, term) : backgroundShare(lang, term);
  const pb = Math.min(0.999, o.per === 'token' ? token : postShare(token, o.tokensPerPost));
  const a = o.priorWeight ?? PRIOR_WEIGHT;
  const y = Math.max(0, Math.min(countNow, totalNow));
  const n = Math.max(0, totalNow);
  const yw = y + a * pb;
  const rest = n - y + a * (1 - pb);
  const share = yw / (yw + rest);
  const logOdds = Math.log(yw / rest) - Math.log(pb / (1 - pb));
  const z = logOdds / Math.sqrt(1 / yw + 1 / rest);
  return { logOdds, z, share, background: pb };
}

/**
 * Whether a term says nothing on its own: a stopword or negation, a word of fewer than 3
 * letters or a very common word (FILLER_PER_MILLION) in that language — for a phrase, when
 * every word is. Filler never seeds a story nor labels a narrative.
 */
export function isFiller(lang: string, term: string): boolean {
  const words = wordsOf(term);
  if (words.length === 0) return true;
  return words.every((w) => langsOf(lang).some((l) => fillerWord(l, w)));
}

function fillerWord(lang: BackgroundLang, word: string): boolean {
  if (word.length < 3 || STOPWORDS[lang].has(word) || NEGATIONS[lang].has(word)) return true;
  return (frequencyList(lang).shares.get(word) ?? 0) * 1e6 >= FILLER_PER_MILLION;
}
