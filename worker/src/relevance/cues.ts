import { readFileSync } from 'node:fs';
import { readTsv } from '../tsv';
import { foldWord } from './text';

/** Words before a place name that say it is used as a place (`cues.tsv`), folded. */
export const PLACE_CUES: ReadonlySet<string> = new Set(
  readTsv(readFileSync(new URL('./cues.tsv', import.meta.url), 'utf8')).rows.map((r) => foldWord(r.cells[0] ?? '')),
);

/** Lower-case surname particles: "Van Geel", "De Mol" are persons, not places. */
export const SURNAME_PARTICLES: ReadonlySet<string> = new Set([
  'van',
  'de',
  'der',
  'den',
  'vande',
  'vanden',
  'le',
  'la',
]);
