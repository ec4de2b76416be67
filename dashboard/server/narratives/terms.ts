import { MIN_K, phraseText, termSeriesOf } from '@trendwacht/shared';
import { BACKGROUND_LANGS, backgroundShare, distinctiveness, isFiller } from '@trendwacht/worker/background';
import { type ReadDeps, execOrThrow, rankedTerms } from '../queries';

/** Term lists hold a mix of languages: the background takes a word's largest share over nl, fr, en. */
const MIXED = 'other';

export type RankedTerm = { term: string; count: number; authors: number; score: number };

/**
 * A word this common in ordinary language (per million tokens, in any of nl, fr, en: about
 * the 1,500 most used words) is too generic to name a theme or narrative: "mensen" (≈ 470),
 * "gaat", "krijgen", "geworden" (≈ 170–440). The background module's filler line (500) is
 * for what may seed a story; a label asks more. Measured on the background lists.
 */
export const GENERIC_PER_MILLION = 100;

const generic = (term: string) =>
  term.split(' ').every((w) => isFiller(MIXED, w) || backgroundShare(MIXED, w) * 1e6 >= GENERIC_PER_MILLION);

/** Words in a term (a phrase has 3 or more). */
export const wordCount = (term: string) => term.split(' ').length;

export type PhraseLang = (typeof BACKGROUND_LANGS)[number];

/**
 * The language a phrase is written in: the one whose ordinary vocabulary makes its words
 * most likely (sum of log shares over the background lists; a word a list lacks counts at
 * that list's floor). "op de kermis" is Dutch, "à la foire" French.
 */
export function phraseLang(term: string): PhraseLang {
  const words = term.split(' ');
  let best: PhraseLang = BACKGROUND_LANGS[0];
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const l of BACKGROUND_LANGS) {
    const score = words.reduce((a, w) => a + Math.log(backgroundShare(l, w)), 0);
    if (score > bestScore) [best, bestScore] = [l, score];
  }
  return best;
}

/**
 * How much a term says about a series: its log-odds against ordinary language (the
 * background vocabulary per language, worker/src/background) times how much of its use
 * falls in this series rather than the wider one (count / √max(count, wider)). Generic
 * words — function words, generic verbs, the most used words of a language — score
 * nothing, by their measured frequency, not a list: "mensen", "krijgen", "gaat" are common
 * everywhere. A phrase of 3+ words is the claim itself and is kept ("wij tegen zij").
 */
export function termScore(term: string, count: number, total: number, widerCount: number): number {
  if (wordCount(term) < 3 && generic(term)) return 0;
  const { logOdds } = distinctiveness(MIXED, term, count, Math.max(total, count));
  if (logOdds <= 0) return 0;
  return logOdds * (count / Math.sqrt(Math.max(count, widerCount)));
}

/**
 * Terms of a series (a narrative, one perspective of it, a theme) over some hours, each
 * used by ≥ k distinct authors, ranked by `termScore` against a wider series (none: the
 * background alone). `total` is the series' posts over those hours.
 */
export async function distinctTerms(
  d: ReadDeps,
  series: string,
  wider: string | null,
  hours: number[],
  total: number,
  pool = 60,
): Promise<RankedTerm[]> {
  if (hours.length === 0) return [];
  const own = termSeriesOf(series);
  const candidates = (await rankedTerms(d, own, hours, pool)).filter((c) => !c.term.startsWith('#'));
  if (candidates.length === 0) return [];
  const widerKeys = wider ? termSeriesOf(wider).flatMap((w) => hours.map((h) => d.keys.terms(w, h))) : [];
  const pipe = d.redis.pipeline();
  for (const c of candidates) {
    pipe.pfcount(...own.flatMap((s) => hours.map((h) => d.keys.termAuthorsPrefix(s, h) + c.term)));
    for (const k of widerKeys) pipe.zscore(k, c.term);
  }
  const res = await execOrThrow(pipe);
  const per = widerKeys.length + 1;
  const kk = Math.max(d.k, MIN_K);
  return candidates
    .map((c, i) => {
      let widerCount = 0;
      for (let j = 1; j < per; j++) widerCount += Number(res[i * per + j] ?? 0);
      const authors = Number(res[i * per] ?? 0);
      return { ...c, authors, score: termScore(phraseText(c.term), c.count, total, wider ? widerCount : c.count) };
    })
    .filter((c) => c.authors >= kk && c.score > 0)
    .sort((a, b) => b.score - a.score || b.count - a.count)
    .map((c) => ({ ...c, term: phraseText(c.term) }));
}
