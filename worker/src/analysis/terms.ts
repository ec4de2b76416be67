import type { AnalysedLang } from './lexicon';
import { NEGATIONS, STOPWORDS } from './lexicon';

const MAX_TERMS = 24;
const WORDLIKE = /^\p{L}{3,30}$/u;

/**
 * Content words and bigrams of adjacent content words, in their surface form, at most
 * MAX_TERMS per post. Single words and pairs only: a term never reconstructs a post.
 */
export function extractTerms(lang: AnalysedLang, tokens: readonly string[]): string[] {
  const stop = STOPWORDS[lang];
  const neg = NEGATIONS[lang];
  const out = new Set<string>();
  let prev: string | null = null;
  for (const t of tokens) {
    const content = WORDLIKE.test(t) && !stop.has(t) && !neg.has(t);
    if (!content) {
      prev = null;
      continue;
    }
    out.add(t);
    if (prev) out.add(`${prev} ${t}`);
    prev = t;
    if (out.size >= MAX_TERMS) break;
  }
  return [...out];
}
