/** Lowercased word tokens (letters, digits, inner apostrophes and hyphens split off). */
const WORD = /[\p{L}\p{N}]+/gu;
/** Punctuation that ends a clause: a negation does not reach across it. */
const CLAUSE_END = /[.,;:!?…]/u;

const prepare = (text: string) => text.toLowerCase().replace(/[’`]/g, "'");

export function tokenise(text: string): string[] {
  return prepare(text).match(WORD) ?? [];
}

/** Punctuation that ends a sentence: a pronoun may point back across it, an attack does not reach. */
const SENTENCE_END = /[.!?…]/u;

/** For each token of `tokenise(text)`, the index of the clause it is in (0, 1, …). */
export function clauseIds(text: string): number[] {
  return boundaryIds(text, CLAUSE_END);
}

/** For each token of `tokenise(text)`, the index of the sentence it is in (0, 1, …). */
export function sentenceIds(text: string): number[] {
  return boundaryIds(text, SENTENCE_END);
}

function boundaryIds(text: string, end: RegExp): number[] {
  const out: number[] = [];
  let clause = 0;
  let last = 0;
  for (const m of prepare(text).matchAll(WORD)) {
    if (out.length > 0 && end.test(m.input.slice(last, m.index))) clause++;
    out.push(clause);
    last = m.index + m[0].length;
  }
  return out;
}
