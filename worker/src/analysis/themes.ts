import {
  type Stance,
  TARGETS,
  THEMES,
  type TargetId,
  type Terms,
  type ThemeDef,
  type ThemeHit,
  type ThemeId,
} from '@trendwacht/shared';
import type { Composition } from './compose/compose';
import { type Context, type Found, RULES, type Rule, type TargetMention, type ThemeCue, isDefending } from './context';
import { composedHits, reasons } from './decide';
import { OTHER_GROUPS, SLURS } from './groups';
import type { AnalysedLang } from './lexicon';
import { PhraseIndex, exactly } from './phrases';
import { isVeto, vetoTerms, vetoedIn, vetted } from './trope-vetoes';

/** A theme cue (of a trope's group, or a veto of a trope: trope-vetoes.ts), a group or another group. */
type Entry =
  | { theme: ThemeId; trope?: TargetId; veto?: string }
  | { target: TargetId; slur: boolean }
  | { group: true };

/** What the learned model says about a post (calibrated: 0.5 is the decision threshold). */
export type ModelView = { hate: number; toxic: number; violent: number; target?: TargetId };

const HALF_LIFE = 0.4;
const COUNTER_FACTOR = 0.2;
/** Rules worth showing next to a hate score: all but those the hit already says otherwise. */
const NOT_SHOWN: ReadonlySet<Rule> = new Set<Rule>([
  'target',
  'hate_cue',
  'threat',
  'informing',
  'negative_eval',
  'positive_eval',
  'negated_eval',
]);
const HATE_RULES: readonly Rule[] = RULES.filter((r) => !NOT_SHOWN.has(r));

/**
 * The taxonomy (themes and target groups, as data) compiled per language, and the rules
 * that turn cues, context and the model's view into theme hits with a score, a target, a
 * stance and the reasons (`because`).
 */
export class ThemeMatcher {
  private readonly indexes = new Map<AnalysedLang, PhraseIndex<Entry>>();
  private readonly byId: ReadonlyMap<ThemeId, ThemeDef>;

  constructor(private readonly themes: readonly ThemeDef[] = THEMES) {
    this.byId = new Map(themes.map((t) => [t.id, t]));
  }

  /** Theme cues and target-group mentions in a post's stems. */
  find(lang: AnalysedLang, tokens: readonly string[], stems: readonly string[]): Found {
    const cues: Omit<ThemeCue, 'negated'>[] = [];
    const targets: TargetMention[] = [];
    const groups: number[] = [];
    const seen = new Set<string>();
    for (const m of this.index(lang).find(stems, tokens)) {
      if ('target' in m.value) {
        targets.push({ target: m.value.target, pos: m.pos, len: m.len, slur: m.value.slur });
        continue;
      }
      if ('group' in m.value) {
        groups.push(m.pos);
        continue;
      }
      // Two taxonomy terms with the same stem ("haat", "haten") are one cue, not two; one
      // trope of two groups stays two cues until hits() knows which group the post names.
      const at = `${m.value.theme}@${m.pos}@${m.value.trope ?? m.value.veto ?? ''}`;
      if (seen.has(at)) continue;
      seen.add(at);
      const { theme, trope, veto } = m.value;
      cues.push({ theme, term: veto ?? m.term, pos: m.pos, len: m.len, ...(trope ? { trope } : {}) });
    }
    return { cues, targets, groups };
  }

  /** Theme hits, strongest first; `comp` is the compositional detector's reading of the post. */
  hits(ctx: Context, model: ModelView, comp?: Composition): ThemeHit[] {
    const hits: ThemeHit[] = [];
    const hate = this.hateHit(ctx, model, comp);
    if (hate) hits.push(hate);
    const byTheme = new Map<ThemeId, ThemeCue[]>();
    for (const c of ctx.cues) {
      if (c.theme === 'hate' || isVeto(c.term)) continue;
      // A trope counts only when the post names its group, and once when it names two.
      if (c.trope && !ctx.targets.some((t) => t.target === c.trope)) continue;
      const list = byTheme.get(c.theme);
      if (list?.some((d) => d.pos === c.pos)) continue;
      if (list) list.push(c);
      else byTheme.set(c.theme, [c]);
    }
    for (const [id, cues] of byTheme) {
      const def = this.byId.get(id);
      if (!def) continue;
      const hit = ruleHit(def, cues, ctx, model);
      if (hit) hits.push(hit);
    }
    if (!byTheme.has('threats') && comp?.verdict !== 'defending') {
      const hit = threatHit(ctx, model);
      if (hit) hits.push(hit);
    }
    const tropes = comp ? vetted(comp.tropes, vetoedIn(ctx.cues)) : [];
    if (comp) for (const c of composedHits({ ...comp, tropes })) merge(hits, c);
    return hits.sort((a, b) => b.score - a.score);
  }

  /** Hate speech: the model's calibrated score, shown with the rules and terms around it. */
  private hateHit(ctx: Context, model: ModelView, comp?: Composition): ThemeHit | undefined {
    const cues = ctx.cues.filter((c) => c.theme === 'hate' && !c.negated);
    // Below the threshold a hit is still shown (with why it is low) when the taxonomy or the
    // composition saw an attack on a group: that is what `--explain` users ask about.
    const composed = comp !== undefined && comp.attack !== undefined && comp.group !== undefined;
    if (model.hate < 0.5 && !composed && (cues.length === 0 || ctx.targets.length === 0)) return undefined;
    const because = new Set<string>(['model:hate']);
    if (comp) for (const r of reasons(comp)) because.add(r);
    for (const r of firedRules(ctx)) because.add(r);
    for (const c of cues) because.add(`term:${c.term}`);
    const target = comp?.target ?? nearestTarget(ctx.targets, cues) ?? model.target;
    if (target) because.add(`target:${target}`);
    return {
      id: 'hate',
      score: round(model.hate),
      stance: comp ? composedStance(comp, ctx, model.hate) : stanceOf(ctx, model.hate, 'hate'),
      because: [...because],
      ...(target ? { target } : {}),
    };
  }

  private index(lang: AnalysedLang): PhraseIndex<Entry> {
    let idx = this.indexes.get(lang);
    if (!idx) {
      idx = new PhraseIndex<Entry>(lang);
      for (const def of this.themes) {
        // Themes the composition reads as tropes and frames are its to decide: a name or a
        // word alone ("Rothschild", "5G") is not the theme. A municipality's own terms for
        // them (settings) still count as they are.
        const own = TROPE_THEMES.has(def.id) ? ownTerms(def, lang) : undefined;
        for (const term of own ?? [...def.terms[lang], ...def.terms.any]) idx.add(term, { theme: def.id });
        if (own) continue;
        for (const [trope, terms] of Object.entries(def.tropes ?? {}) as [TargetId, Terms][]) {
          for (const term of [...terms[lang], ...terms.any]) idx.add(term, { theme: def.id, trope });
        }
      }
      for (const [target, terms] of Object.entries(TARGETS) as [TargetId, (typeof TARGETS)[TargetId]][]) {
        for (const term of [...terms[lang], ...terms.any]) idx.add(term, { target, slur: false });
        // Slurs match as written: stemmers fold them into ordinary words ("connasse" → "con").
        for (const term of SLURS[target][lang]) idx.add(exactly(term), { target, slur: true });
      }
      for (const term of OTHER_GROUPS[lang]) idx.add(term, { group: true });
      for (const v of vetoTerms(lang)) idx.add(v.term, { theme: v.theme, veto: v.cue });
      this.indexes.set(lang, idx);
    }
    return idx;
  }
}

/** Themes read by the composition's trope lexicons (worker/lexicons/{nl,fr,en}/tropes.tsv), not by taxonomy cues. */
const TROPE_THEMES: ReadonlySet<ThemeId> = new Set<ThemeId>([
  'antisemitism',
  'far_right',
  'islamist',
  'conspiracy',
  'disinfo',
  'polarisation',
]);

/** A theme's terms beyond the default taxonomy's: those a municipality added in its settings. */
function ownTerms(def: ThemeDef, lang: AnalysedLang): string[] {
  const base = THEMES.find((t) => t.id === def.id);
  const known = new Set(base ? [...base.terms[lang], ...base.terms.any] : []);
  return [...def.terms[lang], ...def.terms.any].filter((t) => !known.has(t));
}

/** The stance the composition reads, where it read one; else the context rules'. */
function composedStance(comp: Composition, ctx: Context, score: number): Stance {
  if (comp.verdict === 'attack') return score >= 0.5 ? 'attacking' : 'other';
  if (comp.verdict === 'reported') return 'informing';
  if (comp.verdict === 'defending' || comp.verdict === 'support') return 'defending';
  return stanceOf(ctx, score, 'hate');
}

/**
 * Adds a composed hit: an attacking one raises the theme's score; a defending or informing
 * one (the trope refuted or reported) sets the stance and caps the score.
 */
function merge(hits: ThemeHit[], add: ThemeHit): void {
  const i = hits.findIndex((h) => h.id === add.id);
  const old = hits[i];
  if (!old) {
    hits.push(add);
    return;
  }
  const because = [...new Set([...(old.because ?? []), ...(add.because ?? [])])];
  const attacking = add.stance === 'attacking';
  hits[i] = {
    ...old,
    score: attacking ? Math.max(old.score, add.score) : Math.min(old.score, add.score),
    stance: attacking ? old.stance : add.stance,
    because,
    ...(old.target || add.target ? { target: old.target ?? add.target } : {}),
  };
}

/** The score of a stated intent to harm ("ik ga ze pijn doen"), whatever the model says. */
const INTENT_THREAT_SCORE = 0.6;

/**
 * A threat without taxonomy threat terms: a statement of intent with a hostile word after
 * it (rule `threat`), or the model's violence head with violent words aimed at a group.
 * Not where the post stands up for someone (it quotes or condemns the threat).
 */
function threatHit(ctx: Context, model: ModelView): ThemeHit | undefined {
  if (isDefending(ctx)) return undefined;
  const intent = ctx.rules.has('threat');
  const modelSays = model.violent >= 0.5 && model.hate >= 0.5 && ctx.rules.has('hostile');
  if (!intent && !modelSays) return undefined;
  const target = ctx.targets.length === 1 ? ctx.targets[0]?.target : model.target;
  return {
    id: 'threats',
    score: round(intent ? Math.max(model.violent, INTENT_THREAT_SCORE) : model.violent),
    stance: 'attacking',
    because: [...(intent ? ['rule:threat'] : []), ...(modelSays ? ['model:violent'] : []), ...firedRules(ctx)],
    ...(target ? { target } : {}),
  };
}

/** A taxonomy theme scored by its cues: more distinct cues, higher score; context rules damp it. */
function ruleHit(def: ThemeDef, cues: readonly ThemeCue[], ctx: Context, model: ModelView): ThemeHit | undefined {
  const because = new Set<string>();
  let weight = 0;
  for (const c of cues) {
    if (def.needsTarget && ctx.targets.length === 0) because.add('rule:no_target');
    else if (c.negated) because.add('rule:negation');
    else {
      weight++;
      because.add(`term:${c.term}`);
      if (c.trope) because.add('rule:trope');
    }
  }
  if (weight === 0) return undefined;
  let score = 1 - HALF_LIFE ** weight;
  const counter = ctx.rules.has('counter_speech');
  if (counter && def.id !== 'local') {
    score *= COUNTER_FACTOR;
    because.add('rule:counter_speech');
  }
  if (def.id === 'threats' && model.violent >= 0.5) because.add('model:violent');
  const trope = cues.find((c) => c.trope && !c.negated)?.trope;
  const target = def.id === 'local' ? undefined : (trope ?? nearestTarget(ctx.targets, cues));
  if (target) because.add(`target:${target}`);
  return {
    id: def.id,
    score: round(score),
    stance: stanceOf(ctx, score, def.id),
    because: [...because],
    ...(target ? { target } : {}),
  };
}

/**
 * Stance towards a theme: defending when the post condemns, negates or supports;
 * attacking when it scores as hate or threat or pushes the theme's claims; informing when
 * it reads as reporting; other otherwise.
 */
export function stanceOf(ctx: Context, score: number, theme: ThemeId): Stance {
  const r = ctx.rules;
  if (isDefending(ctx)) return 'defending';
  if (theme === 'local') return r.has('informing') ? 'informing' : 'other';
  if (score >= 0.5 && !r.has('reported_speech') && !r.has('informing')) return 'attacking';
  if (r.has('informing') || r.has('reported_speech')) return 'informing';
  return score >= 0.5 ? 'attacking' : 'other';
}

function firedRules(ctx: Context): string[] {
  return HATE_RULES.filter((r) => ctx.rules.has(r)).map((r) => `rule:${r}`);
}

function nearestTarget(targets: readonly TargetMention[], cues: readonly ThemeCue[]): TargetId | undefined {
  if (targets.length === 0) return undefined;
  if (cues.length === 0) return targets.length === 1 ? targets[0]?.target : undefined;
  let best: TargetMention | undefined;
  let bestDist = Number.POSITIVE_INFINITY;
  for (const t of targets) {
    for (const c of cues) {
      const d = Math.abs(t.pos - c.pos);
      if (d < bestDist) {
        bestDist = d;
        best = t;
      }
    }
  }
  return best?.target;
}

const round = (x: number) => Math.round(x * 1000) / 1000;
