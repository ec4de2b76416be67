import { type AnalysedLang, stem } from '../lexicon';

/**
 * Dutch word forms the Snowball stemmer does not bring together with the lexicons' entries:
 * present "-t" forms, separable verbs, and the comparative and superlative of adjectives.
 */

/**
 * A Dutch verb's present "-t" form ("hoort", "verbiedt", "walgt") is stemmed by the Snowball
 * stemmer as itself, never as its infinitive ("horen": "hor"); without its "-t" it is
 * ("hoor": "hor"). Nouns that end in "-t" gain nothing they could match.
 */
export function presentStem(token: string): string | undefined {
  if (token.length < 5 || !token.endsWith('t') || token.endsWith('tt')) return undefined;
  return stem('nl', token.slice(0, -1));
}

/** How far after its verb a separable verb's particle may come ("stuur ze allemaal terug"). */
export const PARTICLE_REACH = 6;
/** The particles of Dutch separable verbs that attacks are made with. */
const SEPARABLE = /^(terug|weg|buiten|af|neer|uit|op|kapot|dood)(\p{L}{3,}en)$/u;

/** A Dutch separable verb's particle and verb ("terugsturen": "terug", "sturen"). */
export function separable(lang: AnalysedLang, w: string): { particle: string; verb: string } | null {
  if (lang !== 'nl') return null;
  const m = SEPARABLE.exec(w);
  return m ? { particle: m[1] as string, verb: m[2] as string } : null;
}

/**
 * A Dutch adjective's comparative and superlative ("walgelijk": "walgelijker", "walgelijkers",
 * "walgelijkst(e)"; "dom": "dommer"), which its stem does not reach. Other languages grade
 * with a word of their own ("plus", "more") and need none.
 */
export function degreesOf(lang: AnalysedLang, w: string): string[] {
  if (lang !== 'nl' || w.length < 3 || !/\p{L}$/u.test(w)) return [];
  const last = w.slice(-1);
  const short = /[^aeiou][aeiou][bdfgklmnprst]$/u.test(w) && !/(ig|lijk|isch)$/u.test(w);
  const base = short ? w + last : w.endsWith('e') ? w.slice(0, -1) : w;
  return [`${base}er`, `${base}ers`, `${w.endsWith('e') ? base : w}st`, `${w.endsWith('e') ? base : w}ste`];
}
