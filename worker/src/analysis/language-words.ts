import { readFileSync } from 'node:fs';
import { readTsv } from '../tsv';
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
  // Columns: word, langs, source.
  for (const { line, cells } of readTsv(readFileSync(FILE, 'utf8')).rows) {
    const [word, langs] = cells;
    if (!word || !langs) throw new Error(`language-words.tsv: bad line ${line}`);
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
