import type { Analysis, DropReason, Lang, Post, ThemeHit } from '@trendwacht/shared';
import { THEMES } from '@trendwacht/shared';
import { detectLanguage } from './language';
import { type AnalysedLang, stem } from './lexicon';
import { normaliseText } from './normalise';
import { scrub } from './scrub';
import { extractTerms } from './terms';
import { ThemeMatcher } from './themes';
import { tokenise } from './tokenise';
import { sentiment, toxicity } from './tone';

/** Version of the analysis; bumped whenever a step changes what it produces. */
export const ANALYSIS_VERSION = 'a1';

export type Analysed = { ok: true; analysis: Analysis; terms: string[] };
export type Dropped = { ok: false; reason: DropReason };
export type StepResult = Analysed | Dropped;

/** What the pipeline needs of a post: the rest (author, url) never reaches analysis. */
export type AnalysisInput = Pick<Post, 'id' | 'text'> & { lang?: string };

const HATEFUL = new Set(THEMES.filter((t) => t.hateful).map((t) => t.id as string));
const HATEFUL_AT = 0.5;

/**
 * The analysis pipeline: scrub → normalise → tokenise → language → stems → terms →
 * themes → tone. Pure and in memory; expected rejects are values, not exceptions.
 */
export function createAnalyzer(matcher = new ThemeMatcher()) {
  return function analyze(input: AnalysisInput): StepResult {
    const clean = normaliseText(scrub(input.text).text);
    const tokens = tokenise(clean);
    if (tokens.length === 0) return { ok: false, reason: 'no_content' };
    if (tokens.join('').length < 3) return { ok: false, reason: 'too_short' };
    const lang: Lang = detectLanguage(tokens, clean, input.lang);
    if (lang === 'other') {
      return { ok: true, terms: [], analysis: neutral(input.id, lang) };
    }
    const stems = tokens.map((t) => stem(lang, t));
    const themes = matcher.match(lang, tokens, stems);
    const hateScore = maxHate(themes);
    return {
      ok: true,
      terms: extractTerms(lang, tokens),
      analysis: {
        id: input.id,
        lang,
        themes,
        hateful: hateScore >= HATEFUL_AT,
        hateScore,
        toxicity: toxicity(lang as AnalysedLang, tokens, hateScore),
        sentiment: round(sentiment(lang, tokens)),
      },
    };
  };
}

function maxHate(themes: readonly ThemeHit[]): number {
  let m = 0;
  for (const t of themes) if (HATEFUL.has(t.id) && t.score > m) m = t.score;
  return m;
}

function neutral(id: string, lang: Lang): Analysis {
  return { id, lang, themes: [], hateful: false, hateScore: 0, toxicity: 0, sentiment: 0 };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
