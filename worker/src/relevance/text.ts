/**
 * Words of a post as the relevance filter reads them: folded (lower case, no accents) with
 * what context needs — a capital, the start of a sentence, a hashtag. URLs, e-mail addresses
 * and @handles are skipped (a street inside an address is no mention of it).
 */
export type Token = {
  /** Folded form: lower case, accents stripped. */
  w: string;
  /** Written with a capital and lower case after it ("Geel", not "geel" or "GEEL"). */
  cap: boolean;
  /** All capitals ("GEEL"). */
  upper: boolean;
  /** First word of a sentence (a capital there says nothing). */
  start: boolean;
  /** Written as a hashtag (`#Geel`). */
  tag: boolean;
};

export type ReadText = {
  tokens: Token[] /** Most words capitalised (a headline): capitals say little. */;
  titleCase: boolean;
};

const SKIP = /(?:https?:\/\/|www\.)\S+|\S+@\S+\.\S+|@[\p{L}\p{N}_.]+/gu;
const PIECE = /#?[\p{L}\p{N}]+|[.!?]+(?=\s|$)|\n/gu;
const MARKS = /\p{M}+/gu;

const isUpper = (c: string) => c !== c.toLowerCase() && c === c.toUpperCase();

export function foldWord(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** A name's words as the text's words are folded ("Sint-Niklaas" → sint, niklaas; "d'Aalst" → d, aalst). */
export function nameWords(name: string): string[] {
  return foldWord(name)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

export function readText(text: string): ReadText {
  const tokens: Token[] = [];
  let start = true;
  let caps = 0;
  let long = 0;
  // Accents stripped once for the whole text (case kept: capitals are evidence).
  const plain = text.replace(SKIP, ' ').normalize('NFD').replace(MARKS, '');
  for (const m of plain.matchAll(PIECE)) {
    const piece = m[0];
    if (piece === '\n' || /^[.!?]/.test(piece)) {
      start = true;
      continue;
    }
    const tag = piece.startsWith('#');
    const word = tag ? piece.slice(1) : piece;
    const first = word.charAt(0);
    const second = word.charAt(1);
    const cap = isUpper(first) && (second === '' || !isUpper(second));
    const upper = word.length > 1 && isUpper(first) && isUpper(second) && word === word.toUpperCase();
    if (word.length >= 4 && !tag) {
      long++;
      if (cap && !start) caps++;
    }
    tokens.push({ w: word.toLowerCase(), cap, upper, start, tag });
    start = false;
  }
  return { tokens, titleCase: long >= 4 && caps / long >= 0.6 };
}
