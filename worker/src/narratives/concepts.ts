import type { AnalysedLang } from '../analysis/lexicon';
import { conceptMap } from './lexicon';

/**
 * A post's clustering words with theme vocabulary in one language (`concepts.tsv`): the
 * French "bagarre" and the English "fight" move a narrative's centroid as "vechtpartij",
 * so one story told in Dutch, French and English is one narrative.
 */
export function conceptWords(lang: AnalysedLang, words: readonly string[]): string[] {
  const map = conceptMap()[lang];
  return [...new Set(words.map((w) => map.get(w) ?? w))];
}

/**
 * A post's clustering words (its one-word terms, as `clusterWords` of trends/narratives.ts
 * reads them: pairs are no clustering words) through the concepts, each once, in the
 * order first met: `conceptWords(lang, clusterWords(terms))` in one pass, with no list or
 * set between (a post has a few dozen terms at most).
 */
export function conceptTermWords(lang: AnalysedLang, terms: readonly string[]): string[] {
  const map = conceptMap()[lang];
  const out: string[] = [];
  for (const t of terms) {
    if (t.includes(' ')) continue;
    const w = map.get(t) ?? t;
    if (!out.includes(w)) out.push(w);
  }
  return out;
}
