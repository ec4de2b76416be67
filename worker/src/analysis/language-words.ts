import { readFileSync } from 'node:fs';
import type { AnalysedLang } from './lexicon';

/**
 * Word evidence for language identification, from `language-words.tsv` (function words,
 * greetings, reactions and spoken Flemish/chat forms, with their source). Character
 * n-grams decide most posts; these words settle the short ones, where a single
 * "goedemorgen" or "amai" says more than its handful of n-grams.
 */
export type WordVotes = Readonly<Record<AnalysedLang, number>>;

/** A word shared by several analysed languages ("de", "in", "merci") votes for each, weakly. */
export const SHARED_WEIGHT = 0.3;

const FILE = new URL('./language-words.tsv', import.meta.url);

function load(): ReadonlyMap<string, WordVotes> {
  const out = new Map<string, WordVotes>();
  const lines = readFileSync(FILE, 'utf8').split('\n');
  let header = false;
  for (const line of lines) {
    if (line.startsWith('#') || line.trim() === '') continue;
    if (!header) {
      header = true; // word, langs, source
      continue;
    }
    const [word, langs] = line.split('\t');
    if (!word || !langs) throw new Error(`language-words.tsv: bad line ${JSON.stringify(line.slice(0, 40))}`);
    const list = langs.split(' ') as AnalysedLang[];
    const weight = list.length === 1 ? 1 : SHARED_WEIGHT;
    const votes = { nl: 0, fr: 0, en: 0 };
    for (const l of list) {
      if (!(l in votes)) throw new Error(`language-words.tsv: unknown language ${l}`);
      votes[l] = weight;
    }
    out.set(word, votes);
  }
  return out;
}

export const LANGUAGE_WORDS: ReadonlyMap<string, WordVotes> = load();
