import { TARGETS, THEMES } from '@trendwacht/shared';
import { CUES } from './cues';
import { ANALYSED, STOPWORDS, polarityLexicon } from './lexicon';
import { tokenise } from './tokenise';

/** Short words common in slogans and hashtags that no list above holds. */
const SLOGAN_WORDS = [
  'stop',
  'weg',
  'nee',
  'ja',
  'nu',
  'wij',
  'no',
  'yes',
  'now',
  'ban',
  'out',
  'eruit',
  'dehors',
  'non',
];

let built: ReadonlySet<string> | undefined;

/**
 * The words the word lists know, in every analysed language at once (hashtag segmentation,
 * spelling repair); built on first use.
 */
export function vocabulary(): ReadonlySet<string> {
  built ??= buildVocabulary();
  return built;
}

function buildVocabulary(): Set<string> {
  const words = new Set<string>(SLOGAN_WORDS);
  const add = (phrase: string) => {
    for (const w of tokenise(phrase)) if (w.length >= 2) words.add(w);
  };
  for (const lang of ANALYSED) {
    for (const w of STOPWORDS[lang]) add(w);
    for (const w of polarityLexicon(lang).keys()) add(w);
    for (const def of THEMES) for (const t of [...def.terms[lang], ...def.terms.any]) add(t);
    for (const terms of Object.values(TARGETS)) for (const t of [...terms[lang], ...terms.any]) add(t);
    for (const byLang of Object.values(CUES)) for (const t of byLang[lang]) add(t);
  }
  return words;
}
