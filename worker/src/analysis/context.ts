import type { TargetId, ThemeId } from '@trendwacht/shared';
import { CUES, type CueKind } from './cues';
import { readEvaluation } from './evaluation';
import { type AnalysedLang, NEGATIONS } from './lexicon';
import { PhraseIndex, type PhraseMatch, perLanguage } from './phrases';
import { clauseIds } from './tokenise';

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
  'stereotype',
  'hostile',
  'threat',
  'second_person',
  'question',
  'informing',
  'negative_eval',
  'positive_eval',
  'negated_eval',
  'slur',
  'identity',
  'victim',
  'devalued',
] as const;
export type Rule = (typeof RULES)[number];

export type ThemeCue = {
  theme: ThemeId;
  term: string;
  pos: number;
  len: number;
  negated: boolean;
  /** A claim that carries the theme only about this group (see ThemeDef.tropes). */
  trope?: TargetId;
};
/** A group named at token `pos` over `len` tokens ('mensen met een beperking': 4). */
export type TargetMention = { target: TargetId; pos: number; len: number; slur: boolean };
/** What the theme matcher finds in a post: theme cues, target mentions, other groups' positions. */
export type Found = { cues: Omit<ThemeCue, 'negated'>[]; targets: TargetMention[]; groups: readonly number[] };

/** What rule-based decisions need of a post: the rules that fired. */
export type Ruled = { rules: ReadonlySet<Rule> };

export type Context = {
  rules: Set<Rule>;
  cues: ThemeCue[];
  targets: TargetMention[];
};

/** A negation reaches further forward ("no X ought to be …") than back ("haat … niet"). */
const NEGATION_BEFORE = 5;
const NEGATION_AFTER = 3;
const NEAR = 4;
/**
 * A negation shortly before a group ("no X", "geen enkele X", "never said that X", "not
 * allow any X to") negates what follows in its clause.
 */
const GROUP_NEGATION_REACH = 4;
const CLAUSE_AFTER = 8;
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
  found: Found,
): Context {
  const neg = NEGATIONS[lang];
  const rules = new Set<Rule>();
  // Two target terms on one word ("muslims", "muslim") are one mention, a slur if either is.
  const targets = found.targets
    .filter((t, i, all) => all.findIndex((u) => u.pos === t.pos) === i)
    .map((t) => {
      const same = found.targets.filter((u) => u.pos === t.pos);
      return { ...t, len: Math.max(...same.map((u) => u.len)), slur: same.some((u) => u.slur) };
    });
  const clause = tokens.some((t) => neg.has(t)) ? clauseIds(text) : undefined;
  const negated = negationScope(tokens, neg, [...targets.map((t) => t.pos), ...found.groups], clause);
  const cues = found.cues.map((c) => ({ ...c, negated: negated(c.pos, c.len) }));
  const matches = cueIndex(lang).find(stems, tokens);
  const victim = victimSpans(matches, tokens, MODALS[lang]);
  const kinds: CueMatch[] = matches
    // A hostile word inside a victim phrase ("are being killed") reports, it does not call;
    // a stereotype right after one names the perpetrators ("slachtoffer van dieven").
    .filter((m) => !(m.value === 'hostile' && victim.has(m.pos)))
    .filter((m) => !(m.value === 'stereotype' && (victim.has(m.pos - 1) || victim.has(m.pos - 2))))
    // A stereotype is negated only before it ("geen criminelen"); a "niet" after it starts
    // the next part ("horen in de keuken en niet in de gemeenteraad").
    .map((m) => ({ ...m, negated: negated(m.pos, m.len, m.value !== 'stereotype') }));

  if (targets.length > 0) rules.add('target');
  if (targets.some((t) => t.slur)) rules.add('slur');
  if (found.groups.length > 0) rules.add('identity');
  for (const c of cues) {
    if (c.negated && c.theme !== 'local') rules.add('negation');
    else if (c.theme === 'hate') rules.add('hate_cue');
    else if (c.theme === 'threats') rules.add('threat');
  }
  for (const m of kinds) if (m.value === 'hostile' && m.negated) rules.add('negation');
  // "is not racist", "should not be illegal": a condemnation negated right before it is none
  // ("I have no respect for people who say …" still condemns).
  if (kinds.some((m) => m.value === 'counter' && !negatedJustBefore(tokens, m.pos, neg))) rules.add('counter_speech');
  if (hasKind(kinds, 'reported')) rules.add('reported_speech');
  if (QUOTES.test(text)) rules.add('quote');
  if (hasKind(kinds, 'second_person')) rules.add('second_person');
  if (hasKind(kinds, 'informing')) rules.add('informing');
  if (text.includes('?')) rules.add('question');
  readEvaluation(lang, tokens, kinds, cues, victim, negated, rules);
  if (threatens(kinds)) rules.add('threat');
  if (targets.length > 0) {
    for (const m of kinds) {
      if (!nearTarget(m, targets)) continue;
      if (m.value === 'support' && !m.negated) rules.add('support');
      if (m.value === 'self_identity' && targets.some((t) => t.pos > m.pos && t.pos - m.pos <= m.len + 1)) {
        rules.add('self_identity');
      }
      if (m.value === 'dehumanising') rules.add('dehumanising');
      if (m.value === 'stereotype' && !m.negated) rules.add('stereotype');
      if (m.value === 'hostile' && !m.negated) rules.add('hostile');
      if (m.value === 'victim' && victim.has(m.pos)) rules.add('victim');
    }
  }
  return { rules, cues, targets };
}

// Module-level helpers, not closures: the runtime names every closure it creates (keepNames).
function hasKind(kinds: readonly CueMatch[], k: CueKind): boolean {
  for (const m of kinds) if (m.value === k) return true;
  return false;
}

/** Tokens between a cue and a group: counted from the group's last word when the cue follows it. */
function nearTarget(m: CueMatch, targets: readonly { pos: number; len: number }[]): boolean {
  for (const t of targets) if ((m.pos > t.pos ? m.pos - (t.pos + t.len - 1) : t.pos - m.pos) <= NEAR) return true;
  return false;
}

/** Modal verbs: "moeten worden aangevallen", "should be killed" call for harm, they do not report it. */
const MODALS: Record<AnalysedLang, ReadonlySet<string>> = {
  nl: new Set(['moeten', 'moet', 'zouden', 'zou', 'mogen', 'mag', 'verdienen', 'verdient']),
  fr: new Set(['doivent', 'doit', 'devraient', 'devrait', 'faut', 'méritent', 'mérite']),
  en: new Set(['should', 'must', 'ought', 'deserve', 'deserves', 'need', 'needs']),
};
const MODAL_REACH = 3;

/** "I'm going to make them suffer": a statement of intent with a hostile word soon after it. */
const INTENT_REACH = 8;
function threatens(kinds: readonly CueMatch[]): boolean {
  return kinds.some(
    (i) =>
      i.value === 'intent' &&
      !i.negated &&
      kinds.some((h) => h.value === 'hostile' && !h.negated && h.pos > i.pos && h.pos - i.pos <= INTENT_REACH),
  );
}

/** Token positions inside victim phrases that no modal verb turns into a call. */
function victimSpans(
  matches: readonly PhraseMatch<CueKind>[],
  tokens: readonly string[],
  modals: ReadonlySet<string>,
): ReadonlySet<number> {
  const out = new Set<number>();
  for (const m of matches) {
    if (m.value !== 'victim') continue;
    let called = false;
    for (let i = Math.max(0, m.pos - MODAL_REACH); i < m.pos && !called; i++) called = modals.has(tokens[i] as string);
    if (!called) for (let i = m.pos; i < m.pos + m.len; i++) out.add(i);
  }
  return out;
}

/**
 * Whether a span is negated: a negation word near it in the same clause (`negatedNear`), or
 * a negation right before a group whose clause the span is in ("no immigrant ought to be …").
 * `clause` gives each token's clause (see clauseIds); without it the post is one clause.
 */
function negationScope(
  tokens: readonly string[],
  neg: ReadonlySet<string>,
  groupPositions: readonly number[],
  clause?: readonly number[],
): (pos: number, len: number, after?: boolean) => boolean {
  const reaches: [number, number][] = [];
  for (const g of groupPositions) {
    for (let i = Math.max(0, g - GROUP_NEGATION_REACH); i < g; i++) {
      if (neg.has(tokens[i] as string) && sameClause(clause, i, g)) {
        reaches.push([g, g + CLAUSE_AFTER]);
        break;
      }
    }
  }
  return (pos, len, after = true) =>
    negatedNear(tokens, pos, len, neg, clause, after) ||
    reaches.some(([from, to]) => pos > from && pos <= to && sameClause(clause, pos, from));
}

function sameClause(clause: readonly number[] | undefined, a: number, b: number): boolean {
  return clause === undefined || clause[a] === clause[b];
}

/**
 * The post stands up for a group or against hate: it condemns (counter-speech), supports
 * or speaks as a member without attacking, or negates the negative words it uses.
 */
export function isDefending(ctx: Ruled): boolean {
  const r = ctx.rules;
  const attacks = attacking(r);
  if (r.has('counter_speech')) return true;
  if ((r.has('support') || r.has('self_identity') || r.has('victim')) && !attacks) return true;
  // Negated: a hate term or hostile word under negation, or only negated bad words
  // ("do not deserve to be tortured") with nothing bad said outright.
  return (r.has('negation') || r.has('negated_eval')) && !r.has('hate_cue') && !attacks;
}

/** The post says something bad of whom it names. */
export function attacking(r: ReadonlySet<Rule>): boolean {
  return (
    r.has('hostile') ||
    r.has('dehumanising') ||
    r.has('stereotype') ||
    r.has('negative_eval') ||
    r.has('slur') ||
    r.has('devalued') ||
    r.has('threat')
  );
}

const NEGATION_JUST_BEFORE = 2;
function negatedJustBefore(tokens: readonly string[], pos: number, neg: ReadonlySet<string>): boolean {
  for (let i = Math.max(0, pos - NEGATION_JUST_BEFORE); i < pos; i++) if (neg.has(tokens[i] as string)) return true;
  return false;
}

/**
 * A negation word within a few tokens of a cue, outside the cue itself, and in the clause
 * the cue starts (before it) or ends (after it) in: "het verhaal klopt niet, doe je eigen
 * onderzoek" does not negate the second clause.
 */
export function negatedNear(
  tokens: readonly string[],
  pos: number,
  len: number,
  neg: ReadonlySet<string>,
  clause?: readonly number[],
  after = true,
): boolean {
  const from = Math.max(0, pos - NEGATION_BEFORE);
  const to = after ? Math.min(tokens.length, pos + len + NEGATION_AFTER) : pos;
  const last = pos + len - 1;
  for (let i = from; i < to; i++) {
    // A negation inside the cue ("horen hier niet") is part of the cue, not of its context.
    if (i >= pos && i <= last) continue;
    if (!neg.has(tokens[i] as string)) continue;
    if (clause === undefined || clause[i] === clause[i < pos ? pos : last]) return true;
  }
  return false;
}
