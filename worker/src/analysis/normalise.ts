import { MASK } from './spelling';
import { vocabulary } from './vocabulary';

/**
 * Text normalisation before analysis: Unicode NFC, invisible characters removed,
 * hashtags split into words, elongations shortened, leetspeak, masked letters and
 * spaced-out letters undone. Case is kept here (tokenise lowercases) so CamelCase hashtags can be split.
 */
const INVISIBLE = /\u200B|\u200C|\u200D|\u2060|\uFEFF|\u00AD/g;
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const HASHTAG = /#([\p{L}\p{N}_]+)/gu;
const ELONGATION = /(\p{L})\1{2,}/gu;
/** Letters with a `*` mask inside: "wom*n", "m**lims". */
const MASKED = /(?<![\p{L}\p{N}*])\p{L}+\*+\p{L}+(?![\p{L}\p{N}*])/gu;
/** Single letters separated by single spaces, at least four: "h a a t" → "haat". */
const SPACED = /(?<![\p{L}\p{N}])(?:\p{L}[ .*_-]){3,}\p{L}(?![\p{L}\p{N}])/gu;
/** Three letters joined by the same dash, dot, star or underscore: "g-a-y", "j.e.w" (spaces need four). */
const DASHED = /(?<![\p{L}\p{N}])\p{L}([.*_-])\p{L}\1\p{L}(?![\p{L}\p{N}.*_-])/gu;
export const LEET: Readonly<Record<string, string>> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
};
const LEET_CHAR = /[013457@$]/;
const BANG_I = /(?<=\p{L})!(?=\p{L})/gu;
const BAR_L = /(?<=\p{L})\|(?=\p{L})/gu;
/** Squared, negative squared and negative circled Latin letters, and regional indicators. */
const EMOJI_LETTERS = /[\u{1F130}-\u{1F149}\u{1F150}-\u{1F169}\u{1F170}-\u{1F189}]/gu;
const INDICATOR_WORD = /(?<=\p{L})[\u{1F1E6}-\u{1F1FF}]+|[\u{1F1E6}-\u{1F1FF}]+(?=\p{L})|[\u{1F1E6}-\u{1F1FF}]{3,}/gu;
const EMOJI_LETTER = /[\u{1F130}-\u{1F1FF}]/u;
const VARIATION = /\uFE0F/g;
const EMOJI_BLOCKS = [0x1f130, 0x1f150, 0x1f170, 0x1f1e6];

function emojiLetter(ch: string): string {
  const cp = ch.codePointAt(0) as number;
  for (const base of EMOJI_BLOCKS) if (cp >= base && cp < base + 26) return String.fromCharCode(97 + cp - base);
  return ch;
}
/** A word mixing letters with leet digits/symbols, e.g. "h44t", "mosl1m", "j0d3n". */
const LEET_WORD = /(?<![\p{L}\p{N}])(?=[\p{L}\d@$]*\p{L})(?=[\p{L}\d@$]*[013457@$])[\p{L}\d@$]{3,}(?![\p{L}\p{N}])/gu;

export function normaliseText(input: string): string {
  let s = input.normalize('NFC').replace(INVISIBLE, '').replace(CONTROL, ' ');
  // Each pattern runs only where its cheap precondition holds (most posts have none).
  if (s.includes('#')) s = s.replace(HASHTAG, (_, tag: string) => ` ${splitHashtag(tag)} `);
  s = s.replace(SPACED, (m) => m.replace(/[ .*_-]/g, ''));
  s = s.replace(DASHED, (m) => m.replace(/[.*_-]/g, ''));
  if (s.includes('*')) s = s.replace(MASKED, (m) => m.replaceAll('*', MASK));
  // "ju!fs": an exclamation mark between letters stands for an i.
  if (s.includes('!')) s = s.replace(BANG_I, 'i');
  // "m🅾️slims", "🇲uslims": letters written as emoji; "mus|ims": a bar between letters is an l.
  if (EMOJI_LETTER.test(s)) {
    s = s.replace(EMOJI_LETTERS, emojiLetter).replace(VARIATION, '');
    // Regional indicators spell only inside a word or in a run longer than a flag ("🇧🇪" stays a flag).
    s = s.replace(INDICATOR_WORD, (run) => [...run].map(emojiLetter).join(''));
  }
  if (s.includes('|')) s = s.replace(BAR_L, 'l');
  // Only words that start with a letter: "h44t" is leet, "20u30" and "3de" are not.
  if (LEET_CHAR.test(s)) s = s.replace(LEET_WORD, (m) => (/^\p{L}/u.test(m) ? undoLeet(m) : m));
  s = s.replace(ELONGATION, '$1$1');
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * "StopDeIslamisering" → "Stop De Islamisering"; "kermis_aalst" → "kermis aalst";
 * "stopdeislamisering" → "stop de islamisering" (by the vocabulary, see segment()).
 */
export function splitHashtag(tag: string): string {
  const split = tag
    .replace(/_/g, ' ')
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{L})(\d)/gu, '$1 $2');
  return split
    .split(' ')
    .map((w) => (w === w.toLowerCase() ? segment(w) : w))
    .join(' ');
}

const MAX_SEGMENT = 40;
const MIN_COVERAGE = 0.6;
const MIN_UNKNOWN = 4;

/**
 * Splits a lowercase run of words ("stopdeislamisering") into known words by dynamic
 * programming: the split maximising the sum of squared lengths of known pieces (long
 * words beat short ones), kept only when known words cover most of the run.
 */
export function segment(word: string): string {
  const n = word.length;
  if (n < 6 || n > MAX_SEGMENT) return word;
  const known = vocabulary();
  // best[i]: score of the best split of word[0..i); from[i]: where its last piece starts.
  const best = new Array<number>(n + 1).fill(Number.NEGATIVE_INFINITY);
  const pieces = new Array<number>(n + 1).fill(0);
  const from = new Array<number>(n + 1).fill(0);
  best[0] = 0;
  for (let i = 1; i <= n; i++) {
    for (let j = Math.max(0, i - 24); j < i; j++) {
      const len = i - j;
      const gain = known.has(word.slice(j, i)) ? len * len : 0;
      const score = (best[j] as number) + gain;
      const count = (pieces[j] as number) + 1;
      if (score > (best[i] as number) || (score === best[i] && count < (pieces[i] as number))) {
        best[i] = score;
        pieces[i] = count;
        from[i] = j;
      }
    }
  }
  const out: string[] = [];
  let covered = 0;
  for (let i = n; i > 0; i = from[i] as number) {
    const piece = word.slice(from[i] as number, i);
    if (known.has(piece)) covered += piece.length;
    out.unshift(piece);
  }
  const merged = mergeUnknown(out, known);
  // Short leftovers ("kermis a als t") mean the split is a guess: keep the word.
  const shortUnknown = merged.some((p) => !known.has(p) && p.length < MIN_UNKNOWN);
  return merged.length > 1 && covered / n >= MIN_COVERAGE && !shortUnknown ? merged.join(' ') : word;
}

/** Adjacent unknown pieces belong together ("ker" "mis" never both unknown). */
function mergeUnknown(pieces: string[], known: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const p of pieces) {
    const last = out[out.length - 1];
    if (last !== undefined && !known.has(last) && !known.has(p)) out[out.length - 1] = last + p;
    else out.push(p);
  }
  return out;
}

function undoLeet(word: string): string {
  let out = '';
  for (const ch of word) out += LEET[ch] ?? ch;
  return out;
}
