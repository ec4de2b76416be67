import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TargetId } from '@trendwacht/shared';
import { parse as parseCsv } from 'csv-parse/sync';
import type { AnalysedLang } from '../analysis/lexicon';

/**
 * Readers for the labelled development data in `../shared/data` (see its README). Rows
 * live in memory only, for training and evaluation; nothing here writes their text
 * anywhere. Each row gets a fold (0–4) from a hash of its *group*, so near-duplicates
 * (one RTP-LX prompt in Dutch and in French, HateCheck cases from one template) never sit
 * on both sides of a train/test split.
 */
export type DatasetId = 'rtp-lx-nl' | 'rtp-lx-fr' | 'mlma-fr' | 'mlma-en' | 'hatecheck-en';
export const DATASET_IDS: readonly DatasetId[] = ['rtp-lx-nl', 'rtp-lx-fr', 'mlma-fr', 'mlma-en', 'hatecheck-en'];

/** Trendwacht's own non-hateful Dutch and French cases (contrast-cases.ts), not a dataset. */
export const CONTRAST_CASE_SOURCES = ['contrast-nl', 'contrast-fr'] as const;
export type ContrastSource = (typeof CONTRAST_CASE_SOURCES)[number];

export type LabelledRow = {
  dataset: DatasetId | ContrastSource;
  /** Row id within its dataset (never the text). */
  id: string;
  lang: AnalysedLang;
  text: string;
  /** Identity-based hate. */
  hateful: boolean;
  /** Share of annotators who saw identity-based hate, where the dataset keeps each rating (training target). */
  hatefulShare?: number;
  /** Abusive or toxic in general; undefined where the dataset does not say. */
  toxic?: boolean;
  /** Violence or threats; undefined where the dataset does not say. */
  violent?: boolean;
  /** The targeted group mapped to Trendwacht's targets, when the dataset names one we have. */
  target?: TargetId;
  /** HateCheck functionality (e.g. `counter_quote_nh`). */
  functionality?: string;
  fold: number;
};

export const FOLDS = 5;
/** The held-out fold the evaluation reports on; training never sees it. */
export const TEST_FOLD = 0;

export function foldOf(group: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < group.length; i++) {
    h ^= group.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % FOLDS;
}

export class DatasetMissing extends Error {
  override name = 'DatasetMissing';
}

export function loadDataset(root: string, id: DatasetId): LabelledRow[] {
  switch (id) {
    case 'rtp-lx-nl':
      return loadRtpLx(root, 'nl');
    case 'rtp-lx-fr':
      return loadRtpLx(root, 'fr');
    case 'mlma-fr':
      return loadMlma(root, 'fr');
    case 'mlma-en':
      return loadMlma(root, 'en');
    case 'hatecheck-en':
      return loadHateCheck(root);
  }
}

export function loadAll(root: string): LabelledRow[] {
  return DATASET_IDS.flatMap((id) => loadDataset(root, id));
}

/** The datasets of `ids` found under `root`, and the ids whose files are not there (a clone has none). */
export function loadPresent(root: string, ids: readonly DatasetId[]): { rows: LabelledRow[]; absent: DatasetId[] } {
  const rows: LabelledRow[] = [];
  const absent: DatasetId[] = [];
  for (const id of ids) {
    try {
      rows.push(...loadDataset(root, id));
    } catch (e) {
      if (!(e instanceof DatasetMissing)) throw e;
      absent.push(id);
    }
  }
  return { rows, absent };
}

function read(root: string, ...path: string[]): string {
  const file = join(root, ...path);
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new DatasetMissing(`dataset file not found: ${file} (set --data to the folder of ../shared/data)`);
  }
}

type RtpEntry = {
  Prompt: string;
  Index: number;
  OriginalEntry: {
    Annotations: { Toxicity: number; IdentityAttack: number; Violence: number };
    AnnotationsRaw?: { IdentityAttack?: number[] };
  };
};

/** RTP-LX: mean IdentityAttack ≥ 2 → hateful (each rater's view kept as `hatefulShare`), Toxicity ≥ 3 → toxic, Violence ≥ 2 → violent. */
function loadRtpLx(root: string, lang: 'nl' | 'fr'): LabelledRow[] {
  const raw = read(root, 'dev', 'rtp-lx', `acs_results_${lang.toUpperCase()}.json`);
  const rows: LabelledRow[] = [];
  for (const line of raw.split('\n')) {
    if (line.trim() === '') continue;
    const e = JSON.parse(line) as RtpEntry;
    const a = e.OriginalEntry.Annotations;
    const raters = e.OriginalEntry.AnnotationsRaw?.IdentityAttack ?? [];
    rows.push({
      dataset: `rtp-lx-${lang}`,
      id: String(e.Index),
      lang,
      text: e.Prompt,
      hateful: a.IdentityAttack >= 2,
      ...(raters.length > 0 ? { hatefulShare: raters.filter((v) => v >= 2).length / raters.length } : {}),
      toxic: a.Toxicity >= 3,
      violent: a.Violence >= 2,
      fold: foldOf(`rtp:${e.Index}`),
    });
  }
  return rows;
}

const MLMA_TARGETS: Record<string, TargetId> = {
  jews: 'jews',
  muslims: 'muslims',
  arabs: 'muslims',
  immigrants: 'migrants',
  refugees: 'migrants',
  african_descent: 'black',
  women: 'women',
  gay: 'lgbtq',
  special_needs: 'disabled',
};
const HOSTILE = new Set(['offensive', 'abusive', 'hateful', 'disrespectful']);

/** MLMA: `sentiment` holds `hateful` → hateful; any hostility type → toxic. */
function loadMlma(root: string, lang: 'fr' | 'en'): LabelledRow[] {
  const records = parseCsv(read(root, 'dev', 'mlma', `${lang}_dataset.csv`), {
    columns: true,
    skip_empty_lines: true,
    relax_quotes: true,
  }) as Record<string, string>[];
  return records.map((r) => {
    const sentiment = (r.sentiment ?? '').split('_');
    const target = MLMA_TARGETS[r.group ?? ''];
    return {
      dataset: `mlma-${lang}` as const,
      id: r.HITId ?? '',
      lang,
      text: r.tweet ?? '',
      hateful: sentiment.includes('hateful'),
      toxic: sentiment.some((s) => HOSTILE.has(s)),
      ...(target ? { target } : {}),
      fold: foldOf(`mlma:${lang}:${r.HITId}`),
    };
  });
}

const HATECHECK_TARGETS: Record<string, TargetId> = {
  women: 'women',
  'gay people': 'lgbtq',
  'trans people': 'lgbtq',
  'disabled people': 'disabled',
  Muslims: 'muslims',
  'black people': 'black',
  immigrants: 'migrants',
};

/** HateCheck: `label_gold`; threat functionalities → violent; split by template. */
function loadHateCheck(root: string): LabelledRow[] {
  const records = parseCsv(read(root, 'dev', 'hatecheck-en', 'test_suite_cases.csv'), {
    columns: true,
    skip_empty_lines: true,
  }) as Record<string, string>[];
  return records.map((r) => {
    const functionality = r.functionality ?? '';
    const hateful = r.label_gold === 'hateful';
    const target = HATECHECK_TARGETS[r.target_ident ?? ''];
    const threat = functionality.startsWith('threat_');
    return {
      dataset: 'hatecheck-en' as const,
      id: r.case_id ?? '',
      lang: 'en' as const,
      text: r.test_case ?? '',
      hateful,
      ...(threat ? { violent: true } : hateful ? {} : { violent: false }),
      ...(target ? { target } : {}),
      functionality,
      // Cases made from one template are near-duplicates: keep them in one fold.
      fold: foldOf(`hc:${r.templ_id || r.case_id}`),
    };
  });
}
