import type { Lang } from '@trendwacht/shared';
import type { AnalysedLang } from './lexicon';

/**
 * What a platform's language field says (`nl`, `nl-BE`, `fr_BE`, `en-GB`, `de`, `und`…):
 * an analysed language, a language we do not analyse, or nothing usable.
 */
export type Hint = { kind: 'analysed'; lang: AnalysedLang } | { kind: 'foreign' } | undefined;

const ANALYSED = new Set<string>(['nl', 'fr', 'en']);
/**
 * Codes that name no language: undetermined, no linguistic content, and X's labels for
 * media-only, hashtag-only, mention-only and emoji-only posts. They say nothing.
 */
const NO_LANGUAGE = new Set(['und', 'zxx', 'mul', 'mis', 'qme', 'qht', 'qam', 'qct', 'qst', 'art']);
/** Flemish is Dutch (some platforms write `vls`, ISO 639-3 West Flemish; `nld`, `fra`, `eng` are ISO 639-2/3). */
const ALIASES: Record<string, AnalysedLang> = { vls: 'nl', nld: 'nl', dut: 'nl', fra: 'fr', fre: 'fr', eng: 'en' };

/** Platforms use a handful of codes: parse each once (bounded, in case a source sends junk). */
const parsed = new Map<string, Hint>();

export function parseHint(hint: string | undefined): Hint {
  if (!hint) return undefined;
  if (parsed.has(hint)) return parsed.get(hint);
  const out = parseCode(hint);
  if (parsed.size < 1000) parsed.set(hint, out);
  return out;
}

function parseCode(hint: string): Hint {
  const code = /^([a-z]{2,3})(?:[-_][a-z0-9]+)*$/i.exec(hint.trim())?.[1]?.toLowerCase();
  if (!code || NO_LANGUAGE.has(code)) return undefined;
  const lang = ALIASES[code] ?? code;
  return ANALYSED.has(lang) ? { kind: 'analysed', lang: lang as AnalysedLang } : { kind: 'foreign' };
}

/** The languages a tenant expects, analysed ones only, first one first; default nl, fr, en. */
export const DEFAULT_PRIOR: readonly AnalysedLang[] = ['nl', 'fr', 'en'];

export function normalisePrior(prior: readonly Lang[] | undefined): readonly AnalysedLang[] {
  if (!prior) return DEFAULT_PRIOR;
  const out = prior.filter((l, i): l is AnalysedLang => ANALYSED.has(l) && prior.indexOf(l) === i);
  return out.length > 0 ? out : DEFAULT_PRIOR;
}
