import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Features } from '../model/features';
import { LinearModel, sigmoid } from '../model/linear-model';
import { type Context, type Ruled, attacking, isDefending } from './context';
import type { AnalysedLang } from './lexicon';
import type { ModelView } from './themes';

/** The committed model, made by `npm run train` (see worker/models/README.md). */
export const DEFAULT_MODEL_FILE = fileURLToPath(new URL('../../models/hate.tw.gz', import.meta.url));

/** Model outputs: hateful, toxic, violent (whom a post aims at is the composition's to say). */
export const BINARY_HEADS = ['hateful', 'toxic', 'violent'] as const;
export type BinaryHead = (typeof BINARY_HEADS)[number];

/** How much each guard damps the model's hate score (explicit, explainable rules). */
export const GUARDS = {
  counter_speech: 0.35,
  support: 0.5,
  victim: 0.5,
  negation: 0.5,
  neutral: 0.5,
  informing: 0.7,
} as const;
/** Hate is aimed at a group: with none named, the model alone must be surer (after calibration). */
export const NO_TARGET_FACTOR = 0.9;
/** With neither a group named nor any negative word, the n-grams alone are weak evidence. */
export const NO_AIM_FACTOR = 0.75;
/** The highest hate score a defending post (counter-speech, support, negation) can get. */
export const DEFENDING_CAP = 0.45;
/**
 * The lowest hate score of a group called criminals, terrorists, rapists… or sent back to
 * the kitchen (rule `stereotype`), however little of it the training data held — unless
 * the post reports or condemns it.
 */
export const STEREOTYPE_FLOOR = 0.6;

/**
 * Puts a probability on a scale where the decision threshold `t` maps to 0.5, so every
 * score in Trendwacht reads the same way: ≥ 0.5 means "yes".
 */
export function calibrate(p: number, t: number): number {
  if (t <= 0 || t >= 1) return p;
  return p < t ? (0.5 * p) / t : 0.5 + (0.5 * (p - t)) / (1 - t);
}

/**
 * The learned component: a linear model over hashed n-grams and rule features, read once
 * at start. Its hate score is then damped by explicit guards where the context says the
 * post condemns, negates or supports rather than attacks.
 */
export class HateScorer {
  private readonly heads: Record<BinaryHead, number>;
  private readonly scratch: Float64Array;

  constructor(readonly model: LinearModel) {
    this.scratch = new Float64Array(model.outputs.length);
    this.heads = {
      hateful: model.output('hateful'),
      toxic: model.output('toxic'),
      violent: model.output('violent'),
    };
  }

  static loadDefault(): HateScorer | null {
    return existsSync(DEFAULT_MODEL_FILE) ? new HateScorer(LinearModel.load(DEFAULT_MODEL_FILE)) : null;
  }

  get version(): string {
    return this.model.header.version;
  }

  view(lang: AnalysedLang, f: Features, ctx: Context): ModelView {
    // Every head in one pass over the features (the weights of a feature sit together).
    const z = this.model.margins(f, this.scratch);
    const hate = hateScore(sigmoid(z[this.heads.hateful] as number), threshold(this.model, 'hateful', lang), ctx);
    return { hate, toxic: this.cal(z, 'toxic', lang), violent: this.cal(z, 'violent', lang) };
  }

  private cal(z: Float64Array, head: BinaryHead, lang: AnalysedLang): number {
    return calibrate(sigmoid(z[this.heads[head]] as number), threshold(this.model, head, lang));
  }
}

/**
 * The hate score of a model probability `p` at decision threshold `t`: damped by the
 * context guards, calibrated (0.5 = the threshold), damped where no group is aimed at, and
 * capped below 0.5 for a post that stands up for a group, however sure the n-grams are.
 * Training chooses thresholds on this very score.
 */
export function hateScore(p: number, t: number, ctx: Ruled): number {
  const hate = calibrate(guard(p, ctx), t) * aimFactor(ctx);
  if (isDefending(ctx)) return Math.min(hate, DEFENDING_CAP);
  const r = ctx.rules;
  const stereotyped = r.has('stereotype') && !r.has('reported_speech') && !r.has('informing');
  return stereotyped ? Math.max(hate, STEREOTYPE_FLOOR) : hate;
}

/**
 * Hate names (or dehumanises) a group and says something bad of it: a score lacking
 * either is damped (after calibration, so the thresholds chosen in training stand).
 */
export function aimFactor(ctx: Ruled): number {
  const r = ctx.rules;
  if (r.has('target') || r.has('identity') || r.has('dehumanising')) return 1;
  const negative = r.has('negative_eval') || r.has('hostile') || r.has('hate_cue') || r.has('threat');
  return negative ? NO_TARGET_FACTOR : NO_AIM_FACTOR;
}

/** The decision threshold of a head: per language when training had enough data for one. */
export function threshold(model: LinearModel, head: BinaryHead, lang: string): number {
  return model.header.thresholds[`${head}:${lang}`] ?? model.header.thresholds[head] ?? 0.5;
}

/** The hate probability damped where the context says the post does not attack a group. */
export function guard(score: number, ctx: Ruled): number {
  const r = ctx.rules;
  let s = score;
  if (r.has('counter_speech')) s *= GUARDS.counter_speech;
  const attacked = attacking(r);
  if ((r.has('support') || r.has('self_identity') || r.has('positive_eval')) && !attacked) s *= GUARDS.support;
  else if (r.has('victim') && !attacked) s *= GUARDS.victim;
  else if (r.has('negated_eval') && !attacked) s *= GUARDS.negation;
  else if ((r.has('target') || r.has('identity')) && !attacked) s *= GUARDS.neutral;
  // A report ("volgens het rapport", "according to") that says nothing bad is less likely hate still.
  if (r.has('informing') && !attacked) s *= GUARDS.informing;
  return s;
}

/** Without a model: taxonomy hate cues next to a target group, as in the first release. */
export function rulesOnlyView(ctx: Context): ModelView {
  const cues = ctx.cues.filter((c) => c.theme === 'hate' && !c.negated).length;
  const raw = ctx.targets.length > 0 ? 1 - 0.4 ** cues : 0;
  const threat = ctx.rules.has('threat') ? 0.6 : 0;
  return { hate: guard(raw, ctx), toxic: raw, violent: threat };
}
