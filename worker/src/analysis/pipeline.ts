import type { Analysis, DropReason, Lang, Post, ThemeHit } from '@trendwacht/shared';
import { scrub } from '@trendwacht/shared';
import { FeatureBuilder, type Features } from '../model/features';
import { type Composition, compose } from './compose/compose';
import { type Context, readContext } from './context';
import { decide } from './decide';
import { gluedLanguage, isGlued } from './glued';
import { HateScorer, rulesOnlyView } from './hate';
import { DEFAULT_PRIOR, detectLanguage } from './language';
import { type AnalysedLang, NEGATIONS, stem } from './lexicon';
import { normaliseText } from './normalise';
import { repairWord } from './spelling';
import { extractTerms } from './terms';
import { ThemeMatcher } from './themes';
import { tokenise } from './tokenise';
import { sentiment, toxicity } from './tone';

/** Version of the analysis; bumped whenever a step changes what it produces. */
export const ANALYSIS_VERSION = 'a4';

export type Analysed = { ok: true; analysis: Analysis; terms: string[] };
export type Dropped = { ok: false; reason: DropReason };
export type StepResult = Analysed | Dropped;

/** What the pipeline needs of a post: the rest (author, url) never reaches analysis. */
export type AnalysisInput = Pick<Post, 'id' | 'text'> & { lang?: string };

/** A post made ready for scoring: everything before the model. */
export type Prepared =
  | { ok: false; reason: DropReason }
  | { ok: true; lang: 'other'; tokens: string[] }
  | {
      ok: true;
      lang: AnalysedLang;
      tokens: string[];
      ctx: Context;
      features: Features;
      comp: Composition;
      /** What the preparation read before scoring: the normalised text, its words before spelling repair, their stems. */
      text: PreparedText;
    };

/**
 * A post's normalised text and its words as tokenised (before spelling repair), with their
 * stems when no word was repaired. Kept in memory with the post's analysis (`preparedText`) so
 * later readers of the same text (narrative perspective) need not normalise it again.
 */
export type PreparedText = { clean: string; tokens: readonly string[]; stems: readonly string[] | undefined };

/** Symbol-keyed and not enumerable: never serialised, copied or compared with the analysis. */
const PREPARED = Symbol('preparedText');

/** The prepared text of an analysis made by this process' analyzer (undefined for any other analysis). */
export const preparedText = (a: Analysis): PreparedText | undefined =>
  (a as Analysis & { [PREPARED]?: PreparedText })[PREPARED];

export type AnalyzerOptions = {
  matcher?: ThemeMatcher;
  /** The learned model; `null` runs the rules alone. Defaults to the committed model. */
  scorer?: HateScorer | null;
};

/**
 * scrub → normalise → tokenise → language → spelling repair → stems → taxonomy cues → context rules →
 * hashed features, and the compositional reading (target × attack × context, `compose/`). Shared by the analyzer and by model training, so both see posts alike.
 */
export function createPreparer(matcher: ThemeMatcher = new ThemeMatcher()) {
  const builder = new FeatureBuilder();
  return function prepare(text: string, hint?: string): Prepared {
    const clean = normaliseText(scrub(text).text);
    const tokens = tokenise(clean);
    if (tokens.length === 0) return { ok: false, reason: 'no_content' };
    if (tokens.join('').length < 3) return { ok: false, reason: 'too_short' };
    // A post written as one run of words ("jehaislesjuifs") is in the language that splits it.
    const glued =
      hint === undefined && isGlued(tokens, DEFAULT_PRIOR) ? gluedLanguage(tokens, DEFAULT_PRIOR) : undefined;
    const lang: Lang = glued ?? detectLanguage(tokens, clean, hint);
    if (lang === 'other') return { ok: true, lang, tokens };
    let raw: string[] | undefined;
    for (let i = 0; i < tokens.length; i++) {
      const word = repairWord(lang, tokens[i] as string);
      if (word === tokens[i]) continue;
      raw ??= tokens.slice();
      tokens[i] = word;
    }
    const stems = tokens.map((t) => stem(lang, t));
    const ctx = readContext(lang, tokens, stems, clean, matcher.find(lang, tokens, stems));
    const rules = [...ctx.rules, ...ctx.targets.map((t) => `target:${t.target}`)];
    const features = builder.build(lang, tokens, NEGATIONS[lang], rules);
    const comp = compose(lang, tokens, clean);
    const read = { clean, tokens: raw ?? tokens, stems: raw ? undefined : stems };
    return { ok: true, lang, tokens, ctx, features, comp, text: read };
  };
}

let defaultScorer: HateScorer | null | undefined;

/**
 * The analysis pipeline. Pure and in memory; expected rejects are values, not exceptions.
 */
export function createAnalyzer(options: AnalyzerOptions = {}) {
  const matcher = options.matcher ?? new ThemeMatcher();
  if (options.scorer === undefined && defaultScorer === undefined) defaultScorer = HateScorer.loadDefault();
  const scorer = options.scorer === undefined ? defaultScorer : options.scorer;
  const prepare = createPreparer(matcher);
  return function analyze(input: AnalysisInput): StepResult {
    const p = prepare(input.text, input.lang);
    if (!p.ok) return p;
    if (p.lang === 'other') return { ok: true, terms: [], analysis: neutral(input.id, p.lang) };
    const { lang, tokens, ctx, features, comp } = p;
    const view = decide(
      scorer ? scorer.view(lang, features, ctx) : rulesOnlyView(ctx),
      comp,
      ctx.rules.has('identity'),
    );
    const themes = matcher.hits(ctx, view, comp);
    const hateScore = round(themes.find((t) => t.id === 'hate')?.score ?? 0);
    const analysis: Analysis = {
      id: input.id,
      lang,
      themes,
      hateful: hateScore >= 0.5,
      hateScore,
      toxicity: round(Math.max(toxicity(lang, tokens), view.toxic, hateScore)),
      sentiment: Math.round(toneOf(sentiment(lang, tokens), themes) * 1000) / 1000,
    };
    Object.defineProperty(analysis, PREPARED, { value: p.text });
    return { ok: true, terms: extractTerms(lang, tokens), analysis };
  };
}

/**
 * A post that pushes a hateful, threatening or divisive claim speaks in a negative tone,
 * whatever its adjectives ("wij tegen zij" has none): the tone the dashboard shows per theme.
 */
const ATTACK_TONE = -0.4;
function toneOf(lexical: number, themes: readonly ThemeHit[]): number {
  const attacking = themes.some((t) => t.id !== 'local' && t.stance === 'attacking' && t.score >= 0.5);
  return attacking ? Math.min(lexical, ATTACK_TONE) : lexical;
}

function neutral(id: string, lang: Lang): Analysis {
  return { id, lang, themes: [], hateful: false, hateScore: 0, toxicity: 0, sentiment: 0 };
}

/** A 0..1 score to three decimals. */
const round = (x: number) => Math.round(Math.min(1, Math.max(0, x)) * 1000) / 1000;
