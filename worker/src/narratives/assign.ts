import { type Analysis, type Post, THEME_IDS, type ThemeHit } from '@trendwacht/shared';
import type { NarrativeAssignment } from '../aggregate';
import { preparedText } from '../analysis/pipeline';
import type { TermHash } from '../authors';
import { type NarrativeIndex, sharedUnits } from '../trends/narratives';
import { conceptTermWords } from './concepts';
import { fastMatcher } from './match';
import { type Reading, perspectiveOf, readPostOnce } from './perspective';
import { phrasesOf } from './phrases';
import { narrativeTone } from './tone';

/** Words a responding post shares with a narrative at least, beside the cosine. */
const RESPONDER_SHARED = 2;
const NO_THEMES: ReadonlySet<string> = new Set();

/** Reads every theme's narratives: a post outside a theme may still respond to one of its stories. */
export function prepareNarratives(index: NarrativeIndex): Promise<void> {
  return index.prepare(THEME_IDS);
}

/**
 * A batch's narrative assigner. A post joins (or founds) a narrative in each theme it scores
 * in, with its perspective there; a post that scores in none of a story's theme but
 * counters, reports or asks about it (and shares its words) joins that story's narrative
 * without founding one — so a narrative's perspectives hold the voices that answer it.
 * Words go through the translation lexicon first (`concepts.tsv`), so one story told in
 * Dutch, French and English is one narrative. The post's text is read here in memory and
 * never leaves this function.
 */
export function narrativeAssigner(index: NarrativeIndex, hash?: TermHash, opts: { inverted?: boolean } = {}) {
  // `inverted: false` compares every candidate (NarrativeIndex.matcher, .closest): the bench's baseline.
  const { assign, responds } =
    opts.inverted === false
      ? {
          assign: index.matcher(hash),
          responds: (w: readonly string[], n: number, skip: ReadonlySet<string>) => index.closest(w, n, skip, hash),
        }
      : fastMatcher(index, hash);
  return (post: Pick<Post, 'text'>, analysis: Analysis, terms: readonly string[], hits: readonly ThemeHit[]) => {
    const lang = analysis.lang;
    if (lang === 'other') return [];
    const words = conceptTermWords(lang, terms);
    if (words.length === 0) return [];
    let reading: Reading | undefined;
    const read = () => {
      reading ??= readPostOnce(lang, post, preparedText(analysis));
      return reading;
    };
    let phraseList: string[] | undefined;
    const phrases = () => {
      phraseList ??= phrasesOf(lang, read().tokens, new Set(terms), () => read().clauses);
      return phraseList;
    };
    const out: NarrativeAssignment[] = [];
    for (const hit of hits) {
      const p = perspectiveOf(read(), hit) ?? 'pushing';
      const n = assign(hit.id, words, p);
      if (!n) continue;
      const trope = hit.because?.find((b) => b.startsWith('trope:'))?.slice(6);
      const a: NarrativeAssignment = {
        id: n.id,
        theme: n.theme,
        perspective: n.perspective,
        words: n.words,
        phrases: phrases(),
        tone: narrativeTone(analysis, hit, p),
      };
      if (n.parent) a.parent = n.parent;
      if (trope) a.trope = trope;
      out.push(a);
    }
    const best = responds(words, RESPONDER_SHARED, hits.length ? new Set(hits.map((h) => h.id)) : NO_THEMES);
    // The words of one name ("Sint-Niklaas") are one word in common, not two.
    if (best && (sharedUnits(index, best, words, terms, hash) ?? RESPONDER_SHARED) >= RESPONDER_SHARED) {
      const p = perspectiveOf(read(), undefined, analysis.themes);
      if (p && p !== 'pushing') {
        const tone = narrativeTone(analysis, undefined, p);
        out.push({ id: best.id, theme: best.theme, perspective: p, words, phrases: phrases(), tone });
      }
    }
    return out;
  };
}
