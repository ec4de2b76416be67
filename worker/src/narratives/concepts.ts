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
