import type { TargetId, ThemeId } from '@trendwacht/shared';
import { CUES, type CueKind } from './cues';
import { type AnalysedLang, NEGATIONS, polarityLexicon } from './lexicon';
import { PhraseIndex, type PhraseMatch, perLanguage } from './phrases';
import { INSULTS } from './tone';

/**
 * Context rules: how a post speaks about what it mentions. Each rule that fires is named
 * (`counter_speech`, `negation`, `support`…); the names feed the learned model as features,
 * decide stance, and are shown by `analyze --explain`. Rules never carry post text.
 */
export const RULES = [
  'target',
  'hate_cue',
  'negation',
  'counter_speech',
  'reported_speech',
  'quote',
  'support',
  'self_identity',
  'dehumanising',
  'hostile',
  'threat',
  'second_person',
  'question',
  'informing',
  'negative_eval',
  'positive_eval',
  'negated_eval',
] as const;
export type Rule = (typeof RULES)[number];

export type ThemeCue = { theme: ThemeId; term: string; pos: number; len: number; negated: boolean };
export type TargetMention = { target: TargetId; pos: number };

export type Context = {
  rules: Set<Rule>;
  cues: ThemeCue[];
  targets: TargetMention[];
};

/** A negation reaches further forward ("no X ought to be …") than back ("haat … niet"). */
const NEGATION_BEFORE = 5;
const NEGATION_AFTER = 3;
const NEAR = 4;
type CueMatch = PhraseMatch<CueKind> & { negated: boolean };

const QUOTES = /["“”«»„]|(?:^|\s)'[^']{3,}'/u;

const cueIndex = perLanguage((lang) => {
  const idx = new PhraseIndex<CueKind>(lang);
  for (const [kind, byLang] of Object.entries(CUES) as [CueKind, (typeof CUES)[CueKind]][]) {
    for (const phrase of byLang[lang]) idx.add(phrase, kind);
  }
  return idx;
});

/**
 * Reads the rules of one post from its tokens, stems and normalised text, given the
 * taxonomy's theme cues and target mentions (found by the theme matcher).
 */
export function readContext(
  lang: AnalysedLang,
  tokens: readonly string[],
  stems: readonly string[],
  text: string,
  found: { cues: Omit<ThemeCue, 'negated'>[]; targets: TargetMention[] },
): Context {
  const neg = NEGATIONS[lang];
  const rules = new Set<Rule>();
  const cues = found.cues.map((c) => ({ ...c, negated: negatedNear(tokens, c.pos, c.len, neg) }));
  // Two target terms on one word ("muslims", "muslim") are one mention.
  const targets = found.targets.filter((t, i, all) => all.findIndex((u) => u.pos === t.pos) === i);
  const kinds: CueMatch[] = cueIndex(lang)
    .find(stems)
    .map((m) => ({ ...m, negated: negatedNear(tokens, m.pos, m.len, neg) }));
  const has = (k: CueKind) => kinds.some((m) => m.value === k);
  const nearTarget = (m: CueMatch) => targets.some((t) => Math.abs(t.pos - m.pos) <= NEAR);

  if (targets.length > 0) rules.add('target');
  for (const c of cues) {
    if (c.negated && c.theme !== 'local') rules.add('negation');
    else if (c.theme === 'hate') rules.add('hate_cue');
    else if (c.theme === 'threats') rules.add('threat');
  }
  for (const m of kinds) if (m.value === 'hostile' && m.negated) rules.add('negation');
  if (has('counter')) rules.add('counter_speech');
  if (has('reported')) rules.add('reported_speech');
  if (QUOTES.test(text)) rules.add('quote');
  if (has('second_person')) rules.add('second_person');
  if (has('informing')) rules.add('informing');
  if (text.includes('?')) rules.add('question');
  readEvaluation(lang, tokens, kinds, cues, rules);
  if (targets.length > 0) {
    for (const m of kinds) {
      if (!nearTarget(m)) continue;
      if (m.value === 'support' && !m.negated) rules.add('support');
      if (m.value === 'self_identity' && targets.some((t) => t.pos > m.pos && t.pos - m.pos <= m.len + 1)) {
        rules.add('self_identity');
      }
      if (m.value === 'dehumanising') rules.add('dehumanising');
      if (m.value === 'hostile' && !m.negated) rules.add('hostile');
    }
  }
  return { rules, cues, targets };
}

const NEGATIVE_KINDS: ReadonlySet<CueKind> = new Set(['dehumanising', 'hostile']);

/**
 * Evaluative words: negative (Pattern polarity below -0.3, insults, dehumanising and
 * hostile cues, hate and threat terms) and positive ones, each possibly negated. Hate
 * needs a negative evaluation that is not negated; "not stupid" and "fantastic" are not.
 */
function readEvaluation(
  lang: AnalysedLang,
  tokens: readonly string[],
  kinds: readonly CueMatch[],
  cues: readonly ThemeCue[],
  rules: Set<Rule>,
): void {
  const lex = polarityLexicon(lang);
  const insults = INSULTS[lang];
  const neg = NEGATIONS[lang];
  const mark = (negated: boolean, negative: boolean) => {
    if (negative && negated) rules.add('negated_eval');
    else if (negative) rules.add('negative_eval');
    else if (!negated) rules.add('positive_eval');
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    const p = insults.has(t) ? -1 : lex.get(t);
    if (p !== undefined && (p <= -0.3 || p >= 0.3)) mark(negatedNear(tokens, i, 1, neg), p < 0);
  }
  for (const m of kinds) if (NEGATIVE_KINDS.has(m.value)) mark(m.negated, true);
  for (const c of cues) if (c.theme === 'hate' || c.theme === 'threats') mark(c.negated, true);
}

/**
 * The post stands up for a group or against hate: it condemns (counter-speech), supports
 * or speaks as a member without attacking, or negates the negative words it uses.
 */
export function isDefending(ctx: Pick<Context, 'rules'>): boolean {
  const r = ctx.rules;
  const attacks = r.has('hostile') || r.has('dehumanising') || r.has('negative_eval');
  if (r.has('counter_speech')) return true;
  if ((r.has('support') || r.has('self_identity')) && !attacks) return true;
  return r.has('negation') && !r.has('hate_cue') && !r.has('hostile');
}

/** A negation word within a few tokens of a cue, outside the cue itself. */
export function negatedNear(tokens: readonly string[], pos: number, len: number, neg: ReadonlySet<string>): boolean {
  const from = Math.max(0, pos - NEGATION_BEFORE);
  const to = Math.min(tokens.length, pos + len + NEGATION_AFTER);
  for (let i = from; i < to; i++) {
    // A negation inside the cue ("horen hier niet") is part of the cue, not of its context.
    if (i >= pos && i < pos + len) continue;
    if (neg.has(tokens[i] as string)) return true;
  }
  return false;
}
