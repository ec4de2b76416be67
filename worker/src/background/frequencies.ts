import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readTsv } from '../tsv';

/** Languages with a background list (data/<lang>.tsv). */
export const BACKGROUND_LANGS = ['nl', 'fr', 'en'] as const;
export type BackgroundLang = (typeof BACKGROUND_LANGS)[number];

/** One language's list: word → share of all tokens of its source, and the list's floor. */
export type FrequencyList = {
  lang: BackgroundLang;
  shares: ReadonlyMap<string, number>;
  /** Share of the least frequent word kept: a word not in the list is rarer than this. */
  floor: number;
  source: string;
};

export class BackgroundDataError extends Error {
  constructor(file: string, line: number, message: string) {
    super(`${file}:${line}: ${message}`);
    this.name = 'BackgroundDataError';
  }
}

/** Parses a list (see README.md for the schema); a bad row is a clear error, never skipped. */
export function parseList(lang: BackgroundLang, text: string, file = `${lang}.tsv`): FrequencyList {
  const source = /^# source: (.+)$/m.exec(text)?.[1]?.trim();
  if (!source) throw new BackgroundDataError(file, 1, 'missing "# source:" header line');
  const { header, rows } = readTsv(text);
  if (header.join('\t') !== 'term\tper_million')
    throw new BackgroundDataError(file, 1, `header must be "term<TAB>per_million", got "${header.join('<TAB>')}"`);
  const shares = new Map<string, number>();
  let floor = Number.POSITIVE_INFINITY;
  for (const { line, cells } of rows) {
    const [term, perMillion] = cells;
    const x = Number(perMillion);
    if (cells.length !== 2 || !term || !/^[\p{Ll}\p{Lo}\p{N}]+$/u.test(term))
      throw new BackgroundDataError(
        file,
        line,
        `expected a lowercase one-token term and a number, got "${cells.join('<TAB>')}"`,
      );
    if (!Number.isFinite(x) || x <= 0 || x > 1e6)
      throw new BackgroundDataError(file, line, `per_million must be in (0, 1e6], got "${perMillion}"`);
    if (shares.has(term)) throw new BackgroundDataError(file, line, `duplicate term "${term}"`);
    shares.set(term, x / 1e6);
    floor = Math.min(floor, x / 1e6);
  }
  if (shares.size === 0) throw new BackgroundDataError(file, 1, 'no rows');
  return { lang, shares, floor, source };
}

const cache = new Map<BackgroundLang, FrequencyList>();

/** The list of a language, read from data/<lang>.tsv on first use. */
export function frequencyList(lang: BackgroundLang): FrequencyList {
  let list = cache.get(lang);
  if (!list) {
    const file = fileURLToPath(new URL(`./data/${lang}.tsv`, import.meta.url));
    list = parseList(lang, readFileSync(file, 'utf8'), file);
    cache.set(lang, list);
  }
  return list;
}
