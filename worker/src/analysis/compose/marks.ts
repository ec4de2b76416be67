import { clauseIds, sentenceIds, tokenise } from '../tokenise';
import { CLAUSES_PER_SENTENCE } from './structure';

/** Quotation marks that open or close a quote (straight single quotes are apostrophes too often). */
const QUOTE_MARK = /["“”«»„]/gu;
const WORD = /[\p{L}\p{N}]+/gu;

/**
 * Sentence, clause and whether inside a quotation, for each token of `tokenise(text)`, packed
 * in one number (`(sentence × CLAUSES_PER_SENTENCE + clause) × 2 + quoted`) so that spelling
 * repair, which joins and splits tokens, carries all three along.
 */
export function marksOf(text: string): number[] {
  const clauses = clauseIds(text);
  const sentences = sentenceIds(text);
  const quoted = quotedTokens(text);
  return clauses.map((c, i) => ((sentences[i] ?? 0) * CLAUSES_PER_SENTENCE + c) * 2 + (quoted[i] ? 1 : 0));
}

/**
 * Single quotes used as quotation marks ("the 'invasion' rhetoric"): an opening quote
 * follows a non-letter and precedes a letter, a closing one the reverse; apostrophes
 * ("it's", "l'homme") have letters on both sides and are left alone.
 */
function markSingleQuotes(text: string): string {
  const chars = [...text];
  const isLetter = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
  let open = -1;
  for (let i = 0; i < chars.length; i++) {
    if (chars[i] !== "'") continue;
    const before = isLetter(chars[i - 1]);
    const after = isLetter(chars[i + 1]);
    if (!before && after && open < 0) open = i;
    else if (before && !after && open >= 0) {
      chars[open] = '"';
      chars[i] = '"';
      open = -1;
    }
  }
  return chars.join('');
}

function quotedTokens(text: string): boolean[] {
  const lower = markSingleQuotes(text.toLowerCase().replace(/[’`‘]/g, "'"));
  const out: boolean[] = [];
  let inside = false;
  let last = 0;
  for (const m of lower.matchAll(WORD)) {
    const between = lower.slice(last, m.index);
    const marks = between.match(QUOTE_MARK)?.length ?? 0;
    if (marks % 2 === 1) inside = !inside;
    out.push(inside);
    last = m.index + m[0].length;
  }
  // An unclosed quote quotes nothing.
  if (inside) {
    const closed = (lower.slice(last).match(QUOTE_MARK)?.length ?? 0) % 2 === 1;
    if (!closed) return out.map(() => false);
  }
  return out.length === tokenise(text).length ? out : out.map(() => false);
}
