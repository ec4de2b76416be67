import { TARGETS, THEMES } from '@trendwacht/shared';
import { CUES } from './cues';
import { OTHER_GROUPS, SLURS } from './groups';
import type { AnalysedLang } from './lexicon';
import { tokenise } from './tokenise';
import { INSULTS } from './tone';
import { vocabulary } from './vocabulary';

/**
 * Undoes the spelling tricks that hide whom or what a post names: an inner letter dropped
 * ("muslms") or two inner letters swapped ("immigarnts"), and letters masked with `*`
 * ("wom*n"). Repairs go only towards *watched* words (target
 * groups and their slurs, other groups, hate and threat terms, hostile and dehumanising
 * cues, insults) and only from words no word list knows, so ordinary words are never
 * rewritten. Where several watched words fit ("wom*n"), the first in list order (groups
 * before terms) wins: either way the post names what it hides.
 */
const MIN_LENGTH = 5;
const WATCHED_KINDS = ['hostile', 'dehumanising'] as const;

type Index = { words: string[]; variants: Map<string, string> };

function watchedWords(lang: AnalysedLang): Set<string> {
  const out = new Set<string>();
  const add = (phrase: string) => {
    for (const w of tokenise(phrase.replaceAll('=', ''))) if (w.length >= MIN_LENGTH) out.add(w);
  };
  for (const terms of Object.values(TARGETS)) for (const t of [...terms[lang], ...terms.any]) add(t);
  for (const bySlur of Object.values(SLURS)) for (const t of bySlur[lang]) add(t);
  for (const t of OTHER_GROUPS[lang]) add(t);
  for (const def of THEMES) if (def.hateful) for (const t of def.terms[lang]) add(t);
  for (const kind of WATCHED_KINDS) for (const t of CUES[kind][lang]) add(t);
  for (const t of INSULTS[lang]) add(t);
  return out;
}

/** Every way to drop one inner letter or swap two adjacent inner letters of a word. */
export function innerEdits(word: string): string[] {
  const out: string[] = [];
  for (let i = 1; i < word.length - 1; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  for (let i = 1; i < word.length - 2; i++) {
    out.push(word.slice(0, i) + (word[i + 1] as string) + (word[i] as string) + word.slice(i + 2));
  }
  return out;
}

function buildIndex(lang: AnalysedLang): Index {
  const variants = new Map<string, string>();
  const words = watchedWords(lang);
  for (const word of words) {
    for (const v of innerEdits(word)) if (!words.has(v) && !variants.has(v)) variants.set(v, word);
  }
  return { words: [...words], variants };
}

/**
 * A masked letter as normalisation leaves it: a letter to the tokeniser, so "m*slims"
 * stays one token until its language is known and `repairWord` can fill it in.
 */
export const MASK = 'ʔ';

const indexes = new Map<AnalysedLang, Index>();

function indexOf(lang: AnalysedLang): Index {
  let idx = indexes.get(lang);
  if (!idx) {
    idx = buildIndex(lang);
    indexes.set(lang, idx);
  }
  return idx;
}

/** The watched word a token misspells or masks, or the token itself (masks dropped). */
export function repairWord(lang: AnalysedLang, token: string): string {
  if (token.includes(MASK)) return unmask(lang, token);
  if (token.length < MIN_LENGTH - 1) return token;
  if (vocabulary().has(token)) return token;
  return indexOf(lang).variants.get(token) ?? token;
}

/** "mʔslims" → "muslims": the first watched word that fits the letters shown, when at least half are shown. */
function unmask(lang: AnalysedLang, token: string): string {
  const masked = [...token].filter((c) => c === MASK).length;
  const found =
    masked * 2 <= token.length
      ? indexOf(lang).words.find((w) => w.length === token.length && fits(token, w))
      : undefined;
  return found ?? token.replaceAll(MASK, '');
}

function fits(masked: string, word: string): boolean {
  for (let i = 0; i < masked.length; i++) {
    const c = masked[i];
    if (c !== MASK && c !== word[i]) return false;
  }
  return true;
}
