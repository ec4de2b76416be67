import type { Stance, ThemeHit } from '@trendwacht/shared';
import type { Composition } from './compose/compose';
import { TARGET_OF } from './compose/lexicon-data';
import type { ModelView } from './themes';

/**
 * Where the compositional detector and the learned model meet. The composition decides
 * whenever it can read the post: an attack on a group is hate whatever the n-grams say;
 * a post that reports, condemns, denies or supports cannot be made hateful by them; a
 * group named without any attack is not hate. Only where the composition sees no group at
 * all does the model's (damped) score stand — it knows insults the lexicons do not.
 */
export const CAPS = {
  reported: 0.35,
  defending: 0.3,
  support: 0.35,
  neutral: 0.45,
} as const;

/**
 * Where the model is very sure (calibrated, 0.5 = its threshold), a reported reading, or a
 * post that names no group, does not overrule it: the lexicons do not know every insult.
 * Chosen on the development sets and our own suites (`npm run eval`): 0.7–0.9 raise RTP-LX
 * a little and the false positives on our counter-speech cases more; 0.9 keeps them at
 * their floor. A group named with no attack on it ('neutral') is capped whatever the model
 * says: the n-grams of group names and politics made it sure of "criminal asylum seekers
 * must leave" (own suites FPR nl 0.029 → 0.019, civic en 0.009 → 0; RTP-LX fr 0.654 → 0.643).
 */
export const MODEL_SURE = 0.9;

/**
 * @param otherGroup the post names a group outside the nine the composition reads (white
 *   people, Christians, a nationality…: rule `identity` of the context rules)
 */
export function decide(model: ModelView, comp: Composition, otherGroup = false): ModelView {
  const { target: _modelTarget, ...rest } = model;
  switch (comp.verdict) {
    case 'attack':
      return withTarget(rest, comp, Math.max(comp.hate, model.hate));
    case 'reported':
      // Someone else's words, neither endorsed nor condemned: the composition does not
      // raise the score, and the model (which weighs reporting cues too) decides.
      return withTarget(rest, comp, model.hate >= MODEL_SURE ? model.hate : Math.min(model.hate, CAPS.reported));
    case 'defending':
      return withTarget(rest, comp, Math.min(model.hate, CAPS.defending));
    case 'support':
      return withTarget(rest, comp, Math.min(model.hate, CAPS.support));
    case 'neutral':
      return withTarget(rest, comp, Math.min(model.hate, CAPS.neutral));
    case 'none': {
      // No group the composition knows. A threat to an official or a person is a threat,
      // not hate; with no group at all, insults and profanity are not hate unless the model
      // is very sure ("rapists should rot", "godverdomme, regen"); a group outside the nine
      // (white people, Christians, a nationality) is the model's to judge.
      const aimedElsewhere = comp.threat !== undefined;
      const capped = aimedElsewhere || (!otherGroup && model.hate < MODEL_SURE);
      return { ...rest, hate: capped ? Math.min(model.hate, CAPS.neutral) : model.hate };
    }
  }
}

/** The view with the composition's target (never the model's), at a given hate score. */
function withTarget(rest: Omit<ModelView, 'target'>, comp: Composition, hate: number): ModelView {
  return { ...rest, hate, ...(comp.target ? { target: comp.target } : {}) };
}

/** The composition's reasons, as `because` entries: rule and lexicon names, never post text. */
export function reasons(comp: Composition): string[] {
  const out: string[] = [`compose:${comp.verdict}`];
  if (comp.attack) out.push(`attack:${comp.attack}`);
  if (comp.group) out.push(`group:${comp.group}`);
  for (const c of comp.context) out.push(`rule:${c}`);
  for (const t of comp.terms) out.push(`term:${t}`);
  if (comp.repairs > 0) out.push('rule:spelling_repaired');
  return out;
}

const TROPE_STANCE: Record<Composition['tropes'][number]['stance'], Stance> = {
  attacking: 'attacking',
  defending: 'defending',
  informing: 'informing',
};

/** Theme hits the composition adds: tropes next to their target, and threats with their aim. */
export function composedHits(comp: Composition): ThemeHit[] {
  const out: ThemeHit[] = [];
  for (const t of comp.tropes) {
    const target = t.group ? TARGET_OF[t.group] : undefined;
    out.push({
      id: t.theme,
      score: t.score,
      stance: TROPE_STANCE[t.stance],
      because: [
        'rule:trope',
        `trope:${t.trope}`,
        ...t.terms.map((x) => `term:${x}`),
        ...(target ? [`target:${target}`] : []),
      ],
      ...(target ? { target } : {}),
    });
  }
  if (comp.threat) {
    const aim = comp.threat.aim;
    const target = aim === 'officials' || aim === 'person' || aim === 'coded_jews' ? undefined : TARGET_OF[aim];
    out.push({
      id: 'threats',
      score: comp.threat.score,
      stance: 'attacking',
      because: ['rule:threat', `aim:${aim}`],
      ...(target ? { target } : {}),
    });
  }
  return out;
}
