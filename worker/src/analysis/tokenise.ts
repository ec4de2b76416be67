/** Lowercased word tokens (letters, digits, inner apostrophes and hyphens split off). */
export const WORD = /[\p{L}\p{N}]+/gu;
/** Punctuation that ends a clause: a negation does not reach across it. */
export const CLAUSE_END = /[.,;:!?…]/u;

/** What `tokenise` matches words in: lowercase, typographic apostrophes made plain. */
export const prepare = (text: string) => text.toLowerCase().replace(/[’`]/g, "'");

export function tokenise(text: string): string[] {
  return prepare(text).match(WORD) ?? [];
}

/** For each token of `tokenise(text)`, the index of the clause it is in (0, 1, …). */
export function clauseIds(text: string): number[] {
  const out: number[] = [];
  let clause = 0;
  let end = 0;
  for (const m of prepare(text).matchAll(WORD)) {
    if (out.length > 0 && CLAUSE_END.test(m.input.slice(end, m.index))) clause++;
    out.push(clause);
    end = m.index + m[0].length;
  }
  return out;
}
