import { type Rng, TARGET_IDS, createRng } from '@trendwacht/shared';
import type { Rule } from '../analysis/context';
import { BINARY_HEADS, TARGET_HEAD, guard } from '../analysis/hate';
import type { AnalysedLang } from '../analysis/lexicon';
import { createPreparer } from '../analysis/pipeline';
import { type LabelledRow, TEST_FOLD, VALIDATION_FOLD } from '../evaluation/datasets';
import { macroF1 } from '../evaluation/metrics';
import { DIMS, type Features, copyFeatures } from './features';
import { LinearModel } from './linear-model';

/**
 * Trains the hate/toxicity/violence/target model from the labelled development rows.
 * Deterministic for a seed. Folds: TEST is never seen; VALIDATION picks the decision
 * thresholds of a first fit, then the final fit uses every fold but TEST.
 */
export type TrainOptions = { epochs: number; rate: number; l2: number; seed: number };
export const DEFAULT_TRAIN: TrainOptions = { epochs: 8, rate: 0.3, l2: 1e-6, seed: 7 };

type Example = {
  row: LabelledRow;
  lang: AnalysedLang;
  features: Features;
  rules: ReadonlySet<Rule>;
  labels: (0 | 1 | undefined)[];
};

/** Rows whose language the model learned (no target head for groups without data). */
export const TARGET_HEADS = TARGET_IDS.filter((t) => t !== 'roma').map(TARGET_HEAD);
export const OUTPUTS = [...BINARY_HEADS, ...TARGET_HEADS];

export function toExamples(rows: readonly LabelledRow[]): Example[] {
  const prepare = createPreparer();
  const out: Example[] = [];
  for (const row of rows) {
    const p = prepare(row.text, row.lang);
    if (!p.ok || p.lang === 'other') continue;
    out.push({
      row,
      lang: p.lang,
      features: copyFeatures(p.features),
      rules: new Set(p.ctx.rules),
      labels: labelsOf(row),
    });
  }
  return out;
}

/**
 * Datasets whose `hateful` label the hate head learns from. MLMA is left out of that head
 * (it still trains toxicity and targets, and is still scored by \`eval\`): every MLMA tweet
 * was collected with offensive keywords and "hateful" is one of several hostility types
 * annotators could tick, so its hateful-vs-not boundary is not the one Trendwacht draws
 * (identity-based hate). Training on it taught the model that naming a group is hate.
 */
export const HATEFUL_SOURCES: ReadonlySet<string> = new Set(['rtp-lx-nl', 'rtp-lx-fr', 'hatecheck-en']);

function labelsOf(row: LabelledRow): (0 | 1 | undefined)[] {
  const bit = (b: boolean | undefined) => (b === undefined ? undefined : b ? 1 : 0);
  return [
    HATEFUL_SOURCES.has(row.dataset) ? bit(row.hateful) : undefined,
    bit(row.toxic),
    bit(row.violent),
    ...TARGET_HEADS.map((h) => (row.target ? bit(TARGET_HEAD(row.target) === h) : undefined)),
  ];
}

export function fit(examples: readonly Example[], opts: TrainOptions, version: string): LinearModel {
  const model = LinearModel.create(OUTPUTS, version, DIMS);
  const rng = createRng(opts.seed);
  const order = examples.map((_, i) => i);
  OUTPUTS.forEach((_, k) => {
    const labelled = examples.filter((e) => e.labels[k] !== undefined);
    const pos = labelled.filter((e) => e.labels[k] === 1).length;
    const neg = labelled.length - pos;
    if (pos === 0 || neg === 0) return;
    // Balanced classes: each class weighs half of the loss.
    const wPos = labelled.length / (2 * pos);
    const wNeg = labelled.length / (2 * neg);
    const g2 = new Float32Array(DIMS);
    for (let epoch = 0; epoch < opts.epochs; epoch++) {
      shuffle(order, rng);
      for (const i of order) {
        const e = examples[i] as Example;
        const y = e.labels[k];
        if (y === undefined) continue;
        model.step(k, e.features, y, opts.rate, opts.l2, g2, y === 1 ? wPos : wNeg);
      }
    }
  });
  return model;
}

/** The threshold per binary head (and per language where there is enough data) that maximises macro-F1. */
export function chooseThresholds(model: LinearModel, examples: readonly Example[]): Record<string, number> {
  const out: Record<string, number> = {};
  BINARY_HEADS.forEach((head) => {
    const k = model.output(head);
    const scored = examples
      .filter((e) => e.labels[k] !== undefined)
      .map((e) => ({ lang: e.lang, y: e.labels[k] === 1, p: headScore(model, k, head, e) }));
    out[head] = best(scored);
    for (const lang of ['nl', 'fr', 'en'] as const) {
      const mine = scored.filter((s) => s.lang === lang);
      const pos = mine.filter((s) => s.y).length;
      if (pos >= 15 && mine.length - pos >= 15) out[`${head}:${lang}`] = best(mine);
    }
  });
  return out;
}

/** What the analyzer thresholds: the hate head after the context guards, others as they are. */
function headScore(model: LinearModel, k: number, head: string, e: Example): number {
  const p = model.probability(k, e.features);
  return head === 'hateful' ? guard(p, { rules: new Set(e.rules) }) : p;
}

function best(scored: readonly { y: boolean; p: number }[]): number {
  let bestT = 0.5;
  let bestF = -1;
  for (let t = 0.05; t < 0.96; t += 0.01) {
    const f = macroF1(scored.map((s) => ({ gold: s.y, pred: s.p >= t })));
    if (f > bestF) {
      bestF = f;
      bestT = Math.round(t * 100) / 100;
    }
  }
  return bestT;
}

export type TrainReport = {
  model: LinearModel;
  validation: Record<string, number>;
  /** Training examples per dataset (rows the analysis did not drop). */
  examples: Record<string, number>;
};

export function train(rows: readonly LabelledRow[], opts: TrainOptions, version: string): TrainReport {
  const examples = toExamples(rows.filter((r) => r.fold !== TEST_FOLD));
  const first = fit(
    examples.filter((e) => e.row.fold !== VALIDATION_FOLD),
    opts,
    version,
  );
  const validationSet = examples.filter((e) => e.row.fold === VALIDATION_FOLD);
  const thresholds = chooseThresholds(first, validationSet);
  const validation: Record<string, number> = {};
  for (const [name, t] of Object.entries(thresholds)) {
    const [head, lang] = name.split(':');
    const k = first.output(head as string);
    const pairs = validationSet
      .filter((e) => e.labels[k] !== undefined && (!lang || e.lang === lang))
      .map((e) => ({ gold: e.labels[k] === 1, pred: headScore(first, k, head as string, e) >= t }));
    validation[name] = Math.round(macroF1(pairs) * 1000) / 1000;
  }
  const model = fit(examples, opts, version);
  for (const [name, t] of Object.entries(thresholds)) model.setThreshold(name, t);
  const counts: Record<string, number> = {};
  for (const e of examples) counts[e.row.dataset] = (counts[e.row.dataset] ?? 0) + 1;
  return { model, validation, examples: counts };
}

function shuffle(a: number[], rng: Rng): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [a[i], a[j]] = [a[j] as number, a[i] as number];
  }
}
