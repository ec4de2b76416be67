import { clauseIds, sentenceIds } from '../tokenise';
import { CLAUSES_PER_SENTENCE } from './structure';

/** Sentence and clause of each token of `tokenise(text)`, packed as the detector expects. */
export function marksOf(text: string): number[] {
  const clauses = clauseIds(text);
  const sentences = sentenceIds(text);
  return clauses.map((c, i) => (sentences[i] ?? 0) * CLAUSES_PER_SENTENCE + c);
}
