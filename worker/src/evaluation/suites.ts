import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Analysis } from '@trendwacht/shared';
import type { AnalysedLang } from '../analysis/lexicon';
import type { StepResult } from '../analysis/pipeline';
import { readTsv } from '../tsv';
import { type Pair, falsePositiveRate, macroF1, prf } from './metrics';

/**
 * Trendwacht's own functional test suites (`eval/suites/<lang>/`, synthetic text written
 * for the project, see its README): the 29 HateCheck functionalities per language, theme
 * tropes, counter-speech and ordinary civic talk. They are what the analysis is tuned on;
 * the public sets measure whether it generalises. Reports hold ids, counts and scores.
 */
export const SUITES_DIR = fileURLToPath(new URL('../../../eval/suites/', import.meta.url));
export const SUITE_LANGS: readonly AnalysedLang[] = ['nl', 'fr', 'en'];

type Row = Record<string, string>;
export type SuiteCase = { id: string; lang: AnalysedLang; text: string; cols: Row };

/** Non-hateful functionalities whose false positives the issue bounds. */
export const CONTRAST_FUNCTIONALITIES = ['counter_quote_nh', 'counter_ref_nh', 'negate_neg_nh', 'ident_neutral_nh'];

/** Reads one suite file: `#` comment lines, a header, tab-separated rows. */
export function readSuite(lang: AnalysedLang, file: string, dir = SUITES_DIR): SuiteCase[] {
  const path = `${dir}${lang}/${file}.tsv`;
  if (!existsSync(path)) return [];
  const { header, rows } = readTsv(readFileSync(path, 'utf8'));
  return rows.map(({ line, cells }, i) => {
    if (cells.length !== header.length) {
      throw new Error(`${lang}/${file}.tsv line ${line}: ${cells.length} columns, expected ${header.length}`);
    }
    const cols = Object.fromEntries(header.map((h, j) => [h, cells[j] as string]));
    return { id: cols.id ?? `${lang}-${file}-${i + 1}`, lang, text: cols.text ?? '', cols };
  });
}

export type Accuracy = { n: number; correct: number; accuracy: number };
export type FunctionalReport = {
  n: number;
  macroF1: number;
  recall: number;
  contrastFalsePositiveRate: number;
  functionalities: Record<string, Accuracy & { gold: string }>;
  /** Recall of hateful cases per target group. */
  targets: Record<string, Accuracy>;
};
export type ThemeReport = Record<
  string,
  { n: number; positives: number; precision: number; recall: number; f1: number }
>;
export type SuiteReport = {
  lang: AnalysedLang;
  functional?: FunctionalReport;
  counter?: Record<string, Accuracy>;
  civic?: { n: number; flaggedHateful: number; falsePositiveRate: number };
  themes?: ThemeReport;
  /** Accuracy of language detection over every suite row. */
  langAccuracy: number;
};

type Analyze = (c: SuiteCase) => StepResult;
const analysisOf = (r: StepResult): Analysis | undefined => (r.ok ? r.analysis : undefined);
const acc = (pairs: readonly boolean[]): Accuracy => {
  const correct = pairs.filter(Boolean).length;
  return { n: pairs.length, correct, accuracy: pairs.length ? correct / pairs.length : 0 };
};

/** Whether the analysis says the post carries a theme (a hit at or above 0.5). */
export function carries(a: Analysis | undefined, theme: string): boolean {
  return a?.themes.some((t) => t.id === theme && t.score >= 0.5) ?? false;
}

export function runSuites(lang: AnalysedLang, analyze: Analyze, dir = SUITES_DIR): SuiteReport {
  let langOk = 0;
  let langN = 0;
  const run = (c: SuiteCase) => {
    const r = analyze(c);
    langN++;
    if (r.ok && r.analysis.lang === lang) langOk++;
    return analysisOf(r);
  };
  const report: SuiteReport = { lang, langAccuracy: 0 };

  const functional = readSuite(lang, 'functional', dir);
  if (functional.length > 0) {
    const pairs: Pair[] = [];
    const byF = new Map<string, boolean[]>();
    const byT = new Map<string, boolean[]>();
    const contrast: Pair[] = [];
    for (const c of functional) {
      const gold = c.cols.label === 'hateful';
      const pred = run(c)?.hateful ?? false;
      pairs.push({ gold, pred });
      const f = c.cols.functionality ?? '?';
      byF.set(f, [...(byF.get(f) ?? []), gold === pred]);
      if (gold) byT.set(c.cols.target ?? '?', [...(byT.get(c.cols.target ?? '?') ?? []), pred]);
      if (CONTRAST_FUNCTIONALITIES.includes(f)) contrast.push({ gold, pred });
    }
    report.functional = {
      n: functional.length,
      macroF1: macroF1(pairs),
      recall: prf(pairs).recall,
      contrastFalsePositiveRate: falsePositiveRate(contrast),
      functionalities: Object.fromEntries(
        [...byF]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([f, v]) => [f, { ...acc(v), gold: f.endsWith('_nh') ? 'non-hateful' : 'hateful' }]),
      ),
      targets: Object.fromEntries([...byT].sort(([a], [b]) => a.localeCompare(b)).map(([t, v]) => [t, acc(v)])),
    };
  }

  const counter = readSuite(lang, 'counter', dir);
  if (counter.length > 0) {
    const byKind = new Map<string, boolean[]>();
    for (const c of counter) {
      const ok = (run(c)?.hateful ?? false) === (c.cols.label === 'hateful');
      const k = c.cols.kind ?? '?';
      byKind.set(k, [...(byKind.get(k) ?? []), ok]);
    }
    report.counter = Object.fromEntries(
      [...byKind].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, acc(v)]),
    );
  }

  const civic = readSuite(lang, 'civic', dir);
  if (civic.length > 0) {
    const flagged = civic.filter((c) => run(c)?.hateful).length;
    report.civic = { n: civic.length, flaggedHateful: flagged, falsePositiveRate: flagged / civic.length };
  }

  const themes = readSuite(lang, 'themes', dir);
  if (themes.length > 0) {
    const byTheme = new Map<string, Pair[]>();
    for (const c of themes) {
      const theme = c.cols.theme ?? '?';
      const pair = { gold: c.cols.label === '1', pred: carries(run(c), theme) };
      byTheme.set(theme, [...(byTheme.get(theme) ?? []), pair]);
    }
    report.themes = Object.fromEntries(
      [...byTheme]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([t, p]) => [t, { n: p.length, positives: p.filter((x) => x.gold).length, ...prf(p) }]),
    );
  }
  report.langAccuracy = langN ? langOk / langN : 0;
  return report;
}

const f3 = (x: number) => x.toFixed(3);

/** The suite reports as aligned text: functionalities side by side per language. */
export function formatSuites(reports: readonly SuiteReport[]): string {
  const out: string[] = ["Trendwacht's own functional suites (eval/suites; synthetic, written for the project)", ''];
  const langs = reports.map((r) => r.lang);
  const head = (title: string) => `  ${title.padEnd(26)}${langs.map((l) => l.padStart(8)).join('')}`;
  const cell = (a: Accuracy | undefined) => (a ? f3(a.accuracy).padStart(8) : '–'.padStart(8));
  out.push(head('summary'));
  const summary: [string, (r: SuiteReport) => string][] = [
    ['macro-F1 (hateful vs not)', (r) => (r.functional ? f3(r.functional.macroF1) : '–')],
    ['recall (hateful)', (r) => (r.functional ? f3(r.functional.recall) : '–')],
    ['FPR counter/negation/neutral', (r) => (r.functional ? f3(r.functional.contrastFalsePositiveRate) : '–')],
    ['FPR civic posts', (r) => (r.civic ? f3(r.civic.falsePositiveRate) : '–')],
    ['language recognised', (r) => f3(r.langAccuracy)],
  ];
  for (const [name, get] of summary) out.push(`  ${name.padEnd(26)}${reports.map((r) => get(r).padStart(8)).join('')}`);
  const keys = (pick: (r: SuiteReport) => Record<string, unknown> | undefined) =>
    [...new Set(reports.flatMap((r) => Object.keys(pick(r) ?? {})))].sort();
  out.push('', head('accuracy per functionality'));
  for (const f of keys((r) => r.functional?.functionalities)) {
    out.push(`  ${f.padEnd(26)}${reports.map((r) => cell(r.functional?.functionalities[f])).join('')}`);
  }
  out.push('', head('recall per target'));
  for (const t of keys((r) => r.functional?.targets))
    out.push(`  ${t.padEnd(26)}${reports.map((r) => cell(r.functional?.targets[t])).join('')}`);
  out.push('', head('counter-speech suite'));
  for (const k of keys((r) => r.counter))
    out.push(`  ${k.padEnd(26)}${reports.map((r) => cell(r.counter?.[k])).join('')}`);
  out.push('', head('themes (F1)'));
  for (const t of keys((r) => r.themes)) {
    out.push(`  ${t.padEnd(26)}${reports.map((r) => (r.themes?.[t] ? f3(r.themes[t].f1) : '–').padStart(8)).join('')}`);
  }
  return out.join('\n');
}
