import { readFileSync, readdirSync } from 'node:fs';
import { type Lang, scrub } from '@trendwacht/shared';
import { DATASET_IDS, loadDataset } from '../evaluation/datasets';
import { readTsv } from '../tsv';
import { normaliseText } from './normalise';
import { tokenise } from './tokenise';

/**
 * Measuring language identification: cases from the synthetic short-post suite
 * (eval/suites/language/short.tsv), the other synthetic suites (labelled by their folder)
 * and the development data in ../shared/data (labelled by data set). Texts stay in memory;
 * results carry ids, labels and counts, never text.
 */
export type LangCase = { set: string; id: string; lang: Lang; text: string };
export type Detector = (tokens: readonly string[], raw: string) => Lang;

export const SUITES_DIR = new URL('../../../eval/suites/', import.meta.url);
const LANGS = new Set<string>(['nl', 'fr', 'en', 'other']);

/** Rows of a suite TSV: `#` comment lines, then a header, then tab-separated rows. */
function rows(file: string): Record<string, string>[] {
  const { header, rows } = readTsv(readFileSync(file, 'utf8'));
  return rows.map(({ cells }) => Object.fromEntries(cells.map((v, i) => [header[i] ?? `c${i}`, v])));
}

export function loadShortSuite(dir: URL = SUITES_DIR): LangCase[] {
  return rows(new URL('language/short.tsv', dir).pathname).map((r) => {
    if (!LANGS.has(r.lang ?? '')) throw new Error(`short.tsv: bad lang on ${r.id}`);
    return { set: 'short', id: r.id ?? '', lang: r.lang as Lang, text: r.text ?? '' };
  });
}

/** The hate/theme/civic suites of eval/suites/{nl,fr,en}: every text is in its folder's language. */
export function loadOtherSuites(dir: URL = SUITES_DIR): LangCase[] {
  const out: LangCase[] = [];
  for (const lang of ['nl', 'fr', 'en'] as const) {
    let files: string[];
    try {
      files = readdirSync(new URL(`${lang}/`, dir)).filter((f) => f.endsWith('.tsv'));
    } catch {
      continue;
    }
    for (const f of files)
      for (const r of rows(new URL(`${lang}/${f}`, dir).pathname))
        if (r.text) out.push({ set: 'suites', id: r.id ?? '', lang, text: r.text });
  }
  return out;
}

/** RTP-LX nl/fr, MLMA fr/en, HateCheck en, from `root` (the folder of ../shared/data). */
export function loadDevCases(root: string): LangCase[] {
  return DATASET_IDS.flatMap((id) =>
    loadDataset(root, id).map((r) => ({ set: id, id: r.id, lang: r.lang, text: r.text })),
  );
}

/** The text as the pipeline hands it to language identification: scrubbed, normalised, tokenised. */
export function prepareText(text: string): { tokens: string[]; raw: string } {
  const raw = normaliseText(scrub(text).text);
  return { tokens: tokenise(raw), raw };
}

/** Posts the pipeline drops before language identification (no_content, too_short), as it does. */
export const droppedBeforeLanguage = (tokens: readonly string[]) => tokens.length === 0 || tokens.join('').length < 3;

export type Tally = { n: number; ok: number; misses: string[] };
/** set → gold language → tally (misses are case ids). */
export type Accuracy = Map<string, Map<Lang, Tally>>;

export function measure(cases: readonly LangCase[], detect: Detector): Accuracy {
  const out: Accuracy = new Map();
  for (const c of cases) {
    const { tokens, raw } = prepareText(c.text);
    if (droppedBeforeLanguage(tokens)) continue;
    const bySet = out.get(c.set) ?? new Map<Lang, Tally>();
    out.set(c.set, bySet);
    const t = bySet.get(c.lang) ?? { n: 0, ok: 0, misses: [] };
    bySet.set(c.lang, t);
    t.n++;
    if (detect(tokens, raw) === c.lang) t.ok++;
    else t.misses.push(c.id);
  }
  return out;
}

/** Percent with one decimal. */
export const percent = (t: Tally) => Math.round((1000 * t.ok) / Math.max(1, t.n)) / 10;
