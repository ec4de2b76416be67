import type { CueKind } from './cues';
import { type AnalysedLang, polarityLexicon } from './lexicon';
import { INSULTS } from './tone';

/** The context rules an evaluation sets (a subset of `Rule` in context.ts). */
type EvalRule = 'negated_eval' | 'negative_eval' | 'positive_eval' | 'devalued';
type EvalRules = { add(rule: EvalRule): unknown; has(rule: EvalRule): boolean };

const NEGATIVE_KINDS: ReadonlySet<CueKind> = new Set(['dehumanising', 'hostile', 'stereotype']);

/**
 * Evaluative words: negative (Pattern polarity below -0.3, insults, dehumanising and
 * hostile cues, hate and threat terms) and positive ones, each possibly negated. Hate
 * needs a negative evaluation that is not negated; "not stupid" and "fantastic" are not.
 */
export function readEvaluation(
  lang: AnalysedLang,
  tokens: readonly string[],
  kinds: readonly { value: CueKind; negated: boolean }[],
  cues: readonly { theme: string; negated: boolean }[],
  victim: ReadonlySet<number>,
  negated: (pos: number, len: number) => boolean,
  rules: EvalRules,
): void {
  const lex = polarityLexicon(lang);
  const insults = INSULTS[lang];
  let negatedPositive = false;
  for (let i = 0; i < tokens.length; i++) {
    if (victim.has(i)) continue;
    const t = tokens[i] as string;
    const p = insults.has(t) ? -1 : (VALUE_WORDS[lang].get(t) ?? lex.get(t) ?? lessWorth(lang, tokens, i));
    if (p !== undefined && (p <= -0.3 || p >= 0.3))
      negatedPositive = mark(rules, negated(i, 1), p < 0) || negatedPositive;
  }
  for (const m of kinds) if (NEGATIVE_KINDS.has(m.value)) mark(rules, m.negated, true);
  for (const c of cues) if (c.theme === 'hate' || c.theme === 'threats') mark(rules, c.negated, true);
  // "never any good", "not worth anything": a negated good word, with no negated bad word
  // beside it ("never condone the killing"), says something bad.
  if (negatedPositive && !rules.has('negated_eval')) rules.add('devalued');
}

/** Adds an evaluation's rule; true for a negated good word (which readEvaluation weighs last). */
function mark(rules: EvalRules, isNegated: boolean, negative: boolean): boolean {
  if (negative && isNegated) rules.add('negated_eval');
  else if (negative) rules.add('negative_eval');
  else if (isNegated) return true;
  else rules.add('positive_eval');
  return false;
}

/** "less" / "minder" / "moins" next to a word of worth ("worth less", "minder waard"): a judgement, elsewhere a quantity. */
const LESS: Record<AnalysedLang, string> = { nl: 'minder', fr: 'moins', en: 'less' };
const WORTH: Record<AnalysedLang, ReadonlySet<string>> = {
  nl: new Set(['waard']),
  fr: new Set(['vaut', 'valent', 'valoir']),
  en: new Set(['worth']),
};
const LESS_REACH = 2;
function lessWorth(lang: AnalysedLang, tokens: readonly string[], i: number): number | undefined {
  if (tokens[i] !== LESS[lang]) return undefined;
  for (let j = Math.max(0, i - LESS_REACH); j <= Math.min(tokens.length - 1, i + LESS_REACH); j++) {
    if (WORTH[lang].has(tokens[j] as string)) return -0.5;
  }
  return undefined;
}

/**
 * Words of worth and ability the polarity lexicons miss or weigh as neutral; negated
 * ("not worth anything", "nooit slim genoeg") they devalue whom they are said of.
 */
const VALUE_WORDS: Record<AnalysedLang, ReadonlyMap<string, number>> = {
  nl: new Map([
    ['waard', 0.5],
    ['slim', 0.5],
    ['intelligent', 0.5],
    ['welkom', 0.5],
    ['minderwaardig', -0.8],
    ['minderwaardige', -0.8],
  ]),
  fr: new Map([
    ['vaut', 0.5],
    ['valent', 0.5],
    ['intelligent', 0.5],
    ['intelligents', 0.5],
    ['bienvenus', 0.5],
    ['inférieur', -0.8],
    ['inférieurs', -0.8],
  ]),
  en: new Map([
    ['worth', 0.5],
    ['smart', 0.5],
    ['intelligent', 0.5],
    ['welcome', 0.5],
    ['lesser', -0.8],
    ['inferior', -0.8],
  ]),
};
