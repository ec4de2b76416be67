import { CLAUSE_END, WORD, prepare } from '../tokenise';
import { CLAUSES_PER_SENTENCE } from './post-reading';

/** Quotation marks that open or close a quote (straight single quotes: see markSingleQuotes). */
const QUOTE_MARK = /["“”«»„]/gu;
/** Punctuation that ends a sentence: a pronoun may point back across it, an attack does not reach. */
const SENTENCE_END = /[.!?…]/u;

/**
 * Sentence, clause and whether inside a quotation, for each token of `tokenise(text)`, packed
 * in one number (`(sentence × CLAUSES_PER_SENTENCE + clause) × 2 + quoted`) so that spelling
 * repair, which joins and splits tokens, carries all three along. One pass over the text.
 */
export function marksOf(text: string): number[] {
  const lower = markSingleQuotes(prepare(text).replaceAll('‘', "'"));
  const out: number[] = [];
  let clause = 0;
  let sentence = 0;
  let inside = false;
  let last = 0;
  for (const m of lower.matchAll(WORD)) {
    const between = lower.slice(last, m.index);
    if (out.length > 0) {
      if (CLAUSE_END.test(between)) clause++;
      if (SENTENCE_END.test(between)) sentence++;
    }
    if ((between.match(QUOTE_MARK)?.length ?? 0) % 2 === 1) inside = !inside;
    out.push((sentence * CLAUSES_PER_SENTENCE + clause) * 2 + (inside ? 1 : 0));
    last = m.index + m[0].length;
  }
  // An unclosed quote quotes nothing.
  if (inside && (lower.slice(last).match(QUOTE_MARK)?.length ?? 0) % 2 === 0) {
    for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) & ~1;
  }
  return out;
}

/**
 * Single quotes used as quotation marks ("the 'invasion' rhetoric"): an opening quote
 * follows a non-letter and precedes a letter, a closing one the reverse; apostrophes
 * ("it's", "l'homme") have letters on both sides and are left alone.
 */
function markSingleQuotes(text: string): string {
  if (!text.includes("'")) return text;
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

/** The sentences (numbered as by `marksOf`) that end with a question mark. */
export function askedSentences(text: string): Set<number> {
  const lower = prepare(text);
  const out = new Set<number>();
  let sentence = 0;
  let last = 0;
  let any = false;
  for (const m of lower.matchAll(WORD)) {
    const between = lower.slice(last, m.index);
    if (any && SENTENCE_END.test(between)) {
      if (between.includes('?')) out.add(sentence);
      sentence++;
    }
    any = true;
    last = m.index + m[0].length;
  }
  if (lower.slice(last).includes('?')) out.add(sentence);
  return out;
}
