/**
 * Text normalisation before analysis: Unicode NFC, invisible characters removed,
 * hashtags split into words, elongations shortened, leetspeak and spaced-out letters
 * undone. Case is kept here (tokenise lowercases) so CamelCase hashtags can be split.
 */
const INVISIBLE = /\u200B|\u200C|\u200D|\u2060|\uFEFF|\u00AD/g;
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const HASHTAG = /#([\p{L}\p{N}_]+)/gu;
const ELONGATION = /(\p{L})\1{2,}/gu;
/** Single letters separated by single spaces, at least four: "h a a t" → "haat". */
const SPACED = /(?<![\p{L}\p{N}])(?:\p{L}[ .*_-]){3,}\p{L}(?![\p{L}\p{N}])/gu;
const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's' };
/** A word mixing letters with leet digits/symbols, e.g. "h44t", "mosl1m", "j0d3n". */
const LEET_WORD = /(?<![\p{L}\p{N}])(?=[\p{L}\d@$]*\p{L})(?=[\p{L}\d@$]*[013457@$])[\p{L}\d@$]{3,}(?![\p{L}\p{N}])/gu;

export function normaliseText(input: string): string {
  let s = input.normalize('NFC').replace(INVISIBLE, '').replace(CONTROL, ' ');
  s = s.replace(HASHTAG, (_, tag: string) => ` ${splitHashtag(tag)} `);
  s = s.replace(SPACED, (m) => m.replace(/[ .*_-]/g, ''));
  // Only words that start with a letter: "h44t" is leet, "20u30" and "3de" are not.
  s = s.replace(LEET_WORD, (m) => (/^\p{L}/u.test(m) ? undoLeet(m) : m));
  s = s.replace(ELONGATION, '$1$1');
  return s.replace(/\s+/g, ' ').trim();
}

/** "StopDeIslamisering" → "Stop De Islamisering"; "kermis_aalst" → "kermis aalst". */
export function splitHashtag(tag: string): string {
  return tag
    .replace(/_/g, ' ')
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{L})(\d)/gu, '$1 $2');
}

function undoLeet(word: string): string {
  let out = '';
  for (const ch of word) out += LEET[ch] ?? ch;
  return out;
}
