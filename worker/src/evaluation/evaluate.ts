import type { TargetId } from '@trendwacht/shared';
import type { StepResult } from '../analysis/pipeline';
import { CONTRAST_CASE_SOURCES, type DatasetId, type LabelledRow } from './datasets';
import {
  type Estimate,
  type Pair,
  type Prf,
  accuracy,
  bootstrap,
  falsePositiveRate,
  macroF1,
  macroF1Labels,
  prf,
} from './metrics';

/**
 * Scores the analyzer's public output (`hateful`, the hate hit's `target`) against gold
 * labels. The report holds ids of datasets and functionalities, counts and scores: never
 * a row's text.
 */
export type Scored = {
  row: LabelledRow;
  hateful: boolean;
  target: TargetId | undefined;
  langOk: boolean;
};

export type BinaryReport = { n: number; positives: number; hateful: Prf; macroF1: Estimate };
export type Report = {
  split: string;
  datasets: Record<string, BinaryReport & { langAccuracy: number; targetMacroF1?: Estimate }>;
  languages: Record<string, BinaryReport & { targetMacroF1?: Estimate }>;
  functionalities: Record<string, { n: number; gold: string; accuracy: Estimate }>;
  /** HateCheck's contrast sets (English). */
  contrast: Record<string, ContrastReport>;
  /** Trendwacht's own Dutch and French contrast cases (held-out frames), per language. */
  ownContrast: Record<string, Record<string, ContrastReport>>;
};
export type ContrastReport = { functionalities: string[]; falsePositiveRate: Estimate };

const isOwn = (x: Scored) => (CONTRAST_CASE_SOURCES as readonly string[]).includes(x.row.dataset);

/** HateCheck's non-hateful contrast cases, grouped as the issue asks. */
export const CONTRAST_SETS: Record<string, readonly string[]> = {
  counter_speech: ['counter_quote_nh', 'counter_ref_nh'],
  negation: ['negate_neg_nh'],
  identity_neutral_positive: ['ident_neutral_nh', 'ident_pos_nh'],
  objects: ['target_obj_nh'],
  individuals: ['target_indiv_nh'],
  other_groups: ['target_group_nh'],
  profanity: ['profanity_nh'],
  slurs_reclaimed_homonym: ['slur_reclaimed_nh', 'slur_homonym_nh'],
};

export function score(rows: readonly LabelledRow[], analyze: (row: LabelledRow) => StepResult): Scored[] {
  return rows.map((row) => {
    const r = analyze(row);
    if (!r.ok) return { row, hateful: false, target: undefined, langOk: false };
    const hate = r.analysis.themes.find((t) => t.id === 'hate');
    return {
      row,
      hateful: r.analysis.hateful,
      target: r.analysis.hateful ? hate?.target : undefined,
      langOk: r.analysis.lang === row.lang,
    };
  });
}

export function report(scored: readonly Scored[], split: string, rounds = 1000): Report {
  // Our own contrast cases are all non-hateful: they count in their own section only.
  const labelled = scored.filter((x) => !isOwn(x));
  const own = scored.filter(isOwn);
  const pairs = (s: readonly Scored[]): Pair[] => s.map((x) => ({ gold: x.row.hateful, pred: x.hateful }));
  const binary = (s: readonly Scored[]): BinaryReport => ({
    n: s.length,
    positives: s.filter((x) => x.row.hateful).length,
    hateful: prf(pairs(s)),
    macroF1: bootstrap(pairs(s), macroF1, rounds),
  });
  const targets = (s: readonly Scored[]) => {
    const items = s
      .filter((x) => x.row.hateful && x.row.target)
      .map((x) => ({ gold: x.row.target as TargetId, pred: x.target }));
    return items.length >= 10 ? { targetMacroF1: bootstrap(items, macroF1Labels, rounds) } : {};
  };
  const by = <K extends string>(key: (x: Scored) => K, from: readonly Scored[] = labelled) => {
    const m = new Map<K, Scored[]>();
    for (const x of from) {
      const list = m.get(key(x));
      if (list) list.push(x);
      else m.set(key(x), [x]);
    }
    return m;
  };

  const datasets: Report['datasets'] = {};
  for (const [id, s] of by((x) => x.row.dataset as DatasetId)) {
    datasets[id] = { ...binary(s), langAccuracy: s.filter((x) => x.langOk).length / s.length, ...targets(s) };
  }
  const languages: Report['languages'] = {};
  for (const [lang, s] of by((x) => x.row.lang)) languages[lang] = { ...binary(s), ...targets(s) };

  const functionalities: Report['functionalities'] = {};
  const withF = labelled.filter((x) => x.row.functionality);
  for (const [f, s] of by((x) => x.row.functionality ?? '')) {
    if (!f) continue;
    functionalities[f] = {
      n: s.length,
      gold: s[0]?.row.hateful ? 'hateful' : 'non-hateful',
      accuracy: bootstrap(pairs(s), accuracy, rounds),
    };
  }
  const contrastOf = (rows: readonly Scored[]) => {
    const out: Record<string, ContrastReport> = {};
    for (const [name, fs] of Object.entries(CONTRAST_SETS)) {
      const s = rows.filter((x) => fs.includes(x.row.functionality ?? ''));
      if (s.length > 0)
        out[name] = { functionalities: [...fs], falsePositiveRate: bootstrap(pairs(s), falsePositiveRate, rounds) };
    }
    return out;
  };
  const ownContrast: Report['ownContrast'] = {};
  for (const [lang, s] of by((x) => x.row.lang, own)) ownContrast[lang] = contrastOf(s);
  return { split, datasets, languages, functionalities, contrast: contrastOf(withF), ownContrast };
}

const pct = (x: number) => x.toFixed(3);
const ci = (e: Estimate) => `${pct(e.value)} [${pct(e.low)}–${pct(e.high)}]`;

/** The report as aligned text tables. */
export function formatReport(r: Report): string {
  const out: string[] = [`Evaluation on the ${r.split} (95% bootstrap intervals in brackets)`, ''];
  const row = (cells: string[], widths: number[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 10)).join('  ');
  const w1 = [14, 6, 6, 9, 7, 7, 26, 26, 8];
  out.push(
    row(['set', 'n', 'hate', 'precision', 'recall', 'F1', 'macro-F1 (both classes)', 'target macro-F1', 'lang ok'], w1),
  );
  const line = (name: string, b: BinaryReport & { targetMacroF1?: Estimate; langAccuracy?: number }) =>
    row(
      [
        name,
        String(b.n),
        String(b.positives),
        pct(b.hateful.precision),
        pct(b.hateful.recall),
        pct(b.hateful.f1),
        ci(b.macroF1),
        b.targetMacroF1 ? ci(b.targetMacroF1) : '–',
        b.langAccuracy === undefined ? '' : pct(b.langAccuracy),
      ],
      w1,
    );
  for (const [id, b] of Object.entries(r.datasets)) out.push(line(id, b));
  for (const [lang, b] of Object.entries(r.languages)) out.push(line(`[${lang}]`, b));
  const contrastLines = (title: string, sets: Record<string, ContrastReport>) => {
    if (Object.keys(sets).length === 0) return;
    out.push('', title);
    for (const [name, c] of Object.entries(sets))
      out.push(`  ${name.padEnd(28)} ${ci(c.falsePositiveRate)}  n=${c.falsePositiveRate.n}`);
  };
  contrastLines('False-positive rate on non-hateful contrast cases (HateCheck, en)', r.contrast);
  for (const [lang, sets] of Object.entries(r.ownContrast))
    contrastLines(`False-positive rate on Trendwacht's own ${lang} contrast cases (frames never trained on)`, sets);
  if (Object.keys(r.functionalities).length > 0) {
    out.push('', 'Accuracy per HateCheck functionality');
    for (const [f, v] of Object.entries(r.functionalities).sort(([a], [b]) => a.localeCompare(b))) {
      out.push(`  ${f.padEnd(22)} ${v.gold.padEnd(12)} n=${String(v.n).padEnd(4)} ${ci(v.accuracy)}`);
    }
  }
  return out.join('\n');
}
