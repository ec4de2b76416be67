import { type AnalysedLang, STOPWORDS } from '../lexicon';
import { LEET } from '../normalise';
import { vocabulary } from '../vocabulary';
import { compound } from './compound';
import { deletions, editDistance } from './edit-distance';
import { isKnownWord } from './known-words';
import type { LexiconIndex } from './lexicon-index';

/**
 * Undoes the spelling tricks that hide whom or what a post attacks, towards the lexicons'
 * words only and never from an ordinary word of the language: spaces added inside a word
 * ("mos lims"), spaces removed between words ("ikhaatmoslims"), and one letter dropped,
 * doubled, swapped or changed ("muslms", "immigarnts"). Leetspeak, elongation, spaced-out
 * and masked letters are undone earlier, by normalisation.
 */
/** The repaired words, and for each the index of the token it came from. */
export type Respelled = { tokens: string[]; from: number[]; repairs: number };

const MIN_REPAIR = 4;
const MIN_SEGMENT = 7;
const MIN_SHORT = 5;
const MAX_SEGMENT = 40;
const MAX_PIECE = 24;

type Repairer = {
  index: LexiconIndex;
  near: Map<string, string[]>;
  cache: Map<string, readonly string[]>;
  /** Every proper prefix of a watched word: a join stops as soon as it leaves them. */
  prefixes: Set<string>;
  /** Long watched words by their letters sorted: two swaps away ("mirgnaten") is one lookup. */
  anagrams: Map<string, string[]>;
  /** Lexicon words with accents, by their letters without ("detester" → "détester"). */
  accented: Map<string, string>;
};
const repairers = new WeakMap<LexiconIndex, Repairer>();

function repairerOf(index: LexiconIndex): Repairer {
  let r = repairers.get(index);
  if (!r) {
    const near = new Map<string, string[]>();
    const add = (k: string, w: string) => {
      const list = near.get(k);
      if (!list) near.set(k, [w]);
      else if (!list.includes(w)) list.push(w);
    };
    for (const w of index.watched) {
      if (w.length < MIN_REPAIR - 1) continue;
      add(w, w);
      for (const d of deletions(w)) add(d, w);
    }
    const prefixes = new Set<string>();
    for (const w of index.watched) for (let i = 1; i < w.length; i++) prefixes.add(w.slice(0, i));
    const anagrams = new Map<string, string[]>();
    for (const w of index.watched) {
      if (w.length < MIN_SCRAMBLED) continue;
      const k = sortedLetters(w);
      const list = anagrams.get(k);
      if (!list) anagrams.set(k, [w]);
      else list.push(w);
    }
    const accented = new Map<string, string>();
    for (const w of index.surfaces) {
      const bare = unaccented(w);
      if (bare !== w && !accented.has(bare)) accented.set(bare, w);
    }
    r = { index, near, cache: new Map(), prefixes, anagrams, accented };
    repairers.set(index, r);
  }
  return r;
}

export function respell(index: LexiconIndex, tokens: readonly string[]): Respelled {
  const r = repairerOf(index);
  const known = knownIn(index);
  const out: string[] = [];
  const outClauses: number[] = [];
  let repairs = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    const clause = i;
    // Fragments of a word split by spaces are short or no word at all ("mos lims", "zwar te").
    const fragment = t.length <= MAX_FRAGMENT;
    const joined = fragment && r.prefixes.has(t) ? joinAt(index, r.prefixes, tokens, i, known) : undefined;
    if (joined) {
      out.push(joined.word);
      outClauses.push(clause);
      i += joined.used - 1;
      repairs++;
      continue;
    }
    const fixed = r.cache.get(t) ?? remember(r, t, repairToken(r, t, known));
    for (const p of fixed) {
      out.push(p);
      outClauses.push(clause);
    }
    if (fixed.length !== 1 || fixed[0] !== t) repairs++;
  }
  return { tokens: out, from: outClauses, repairs };
}

const MAX_FRAGMENT = 6;
const CACHE_MAX = 100_000;

function remember(r: Repairer, t: string, fixed: readonly string[]): readonly string[] {
  if (r.cache.size >= CACHE_MAX) r.cache.clear();
  r.cache.set(t, fixed);
  return fixed;
}

function knownIn(index: LexiconIndex): (t: string) => boolean {
  return (t) => index.surfaces.has(t) || vocabulary().has(t) || isKnownWord(index.lang, t);
}

/** What one token stands for on its own (its neighbours aside): itself, a repair, or pieces. */
function repairToken(r: Repairer, t: string, known: (t: string) => boolean): readonly string[] {
  const index = r.index;
  {
    // Leetspeak that starts with a digit or is all digits ("4p3n", "33n") normalisation leaves alone.
    const unleet = /\d/.test(t) ? undoLeet(t) : undefined;
    if (unleet && unleet.length >= 3 && (index.surfaces.has(unleet) || known(unleet))) return [unleet];
    const unleetAccented = unleet ? r.accented.get(unleet) : undefined;
    if (unleetAccented) return [unleetAccented];
    // Diminutives and compounds of a group's name, even where the word list knows them.
    const named = index.surfaces.has(t) ? undefined : compound(index, t);
    if (named) return named;
    // Dutch "y" for "ij" ("zyn", "wy").
    const ij = index.lang === 'nl' && t.includes('y') ? t.replaceAll('y', 'ij') : undefined;
    if (ij && !known(t) && known(ij)) return [ij];
    // Accents left out ("detester", "etrangers", "refugies"): the lexicon word they stand for.
    const withAccents = r.accented.get(t);
    if (withAccents && !known(t)) return [withAccents];
    if (known(t)) return [t];
    const near =
      t.length >= MIN_REPAIR ? (nearest(r, t) ?? scrambled(r, t)) : t.length === 3 ? dropped(r, t) : undefined;
    if (near) return [near];
    if (t.length < MIN_SEGMENT) return (t.length >= MIN_SHORT ? splitShort(index, t) : undefined) ?? [t];
    return segment(index, t, known) ?? [t];
  }
}

/** "mos lims" → "moslims": two or three fragments that together spell a watched word. */
function joinAt(
  index: LexiconIndex,
  prefixes: ReadonlySet<string>,
  tokens: readonly string[],
  i: number,
  known: (t: string) => boolean,
): { word: string; used: number } | undefined {
  let word = tokens[i] as string;
  let found: { word: string; used: number } | undefined;
  for (let used = 2; used <= 3 && i + used - 1 < tokens.length; used++) {
    const next = tokens[i + used - 1] as string;
    if (next.length > MAX_FRAGMENT + 4) break;
    word += next;
    if (word.length < 4 || !index.watched.has(word)) {
      if (prefixes.has(word)) continue;
      break;
    }
    const parts = tokens.slice(i, i + used);
    // Ordinary words side by side stay apart unless they are mere fragments.
    if (parts.filter((p) => known(p) && p.length > 4).length >= 2) continue;
    found = { word, used };
  }
  return found;
}

/**
 * "ikhaatmoslims" → ik haat moslims: the split into known words that favours long words
 * (sum of squared lengths), kept only when every piece is a word and one of them is a
 * lexicon word.
 */
function segment(index: LexiconIndex, word: string, known: (t: string) => boolean): string[] | undefined {
  const n = word.length;
  if (n > MAX_SEGMENT) return undefined;
  const best = new Array<number>(n + 1).fill(Number.NEGATIVE_INFINITY);
  const from = new Array<number>(n + 1).fill(-1);
  best[0] = 0;
  for (let i = 1; i <= n; i++) {
    for (let j = Math.max(0, i - MAX_PIECE); j < i; j++) {
      if (best[j] === Number.NEGATIVE_INFINITY) continue;
      const piece = word.slice(j, i);
      if (!isPiece(index, piece, known)) continue;
      const gain = piece.length * piece.length * (index.surfaces.has(piece) ? 2 : 1);
      const score = (best[j] as number) + gain;
      if (score > (best[i] as number)) {
        best[i] = score;
        from[i] = j;
      }
    }
  }
  if (best[n] === Number.NEGATIVE_INFINITY) return undefined;
  const pieces: string[] = [];
  for (let i = n; i > 0; i = from[i] as number) pieces.unshift(word.slice(from[i] as number, i));
  if (pieces.length < 2) return undefined;
  // Two pieces may be an ordinary Dutch compound ("haatberichten"): split only around a
  // group's name, or a watched word beside a function word ("justpathetic", "fuckall").
  // French and English write their compounds apart: "absolutefilth" is two words.
  const aroundName = pieces.some((p) => index.groupWords.has(p));
  const functionWord = pieces.some((p) => STOPWORDS[index.lang].has(p)) && pieces.some((p) => index.watched.has(p));
  if (pieces.length === 2 && !aroundName && !functionWord && index.lang === 'nl') return undefined;
  return pieces.some((p) => p.length >= 4 && index.surfaces.has(p)) ? pieces : undefined;
}

/**
 * A short run splits only into a function word and a lexicon word ("ihate" → i hate, "todie"
 * → to die): "anvers" is a name, not "an vers". One cut tried per position, no search.
 */
function splitShort(index: LexiconIndex, t: string): string[] | undefined {
  const stop = STOPWORDS[index.lang];
  const around = (x: string, y: string) => stop.has(x) && y.length >= 3 && index.surfaces.has(y);
  for (let i = 1; i < t.length; i++) {
    const a = t.slice(0, i);
    const b = t.slice(i);
    if ((a.length > 1 || ONE_LETTER[index.lang].has(a)) && (around(a, b) || around(b, a))) return [a, b];
  }
  return undefined;
}

/** Pieces of one letter are only real one-letter words; two letters must be a listed word. */
function isPiece(index: LexiconIndex, piece: string, known: (t: string) => boolean): boolean {
  if (piece.length === 1) return ONE_LETTER[index.lang].has(piece);
  if (piece.length === 2) return index.surfaces.has(piece) || vocabulary().has(piece);
  return known(piece);
}

/** Normalisation's leet letters, and "8" for "b", which a word starting with a digit uses too. */
const DIGIT_LEET: Readonly<Record<string, string>> = { ...LEET, '8': 'b' };
function undoLeet(token: string): string | undefined {
  let out = '';
  for (const ch of token) {
    const l = DIGIT_LEET[ch] ?? ch;
    if (/\d/.test(l)) return undefined;
    out += l;
  }
  return out;
}

/** The words of one letter each language has (a piece of a split run may be one). */
export const ONE_LETTER: Record<AnalysedLang, ReadonlySet<string>> = {
  nl: new Set(),
  fr: new Set(['a', 'à', 'y']),
  en: new Set(['i', 'a']),
};

/** The word with its accents taken off ("étrangers" → "etrangers"). */
const unaccented = (w: string) => w.normalize('NFD').replace(/\p{M}+/gu, '');
const sortedLetters = (w: string) => [...w].sort().join('');
const sameLetters = (a: string, b: string) => sortedLetters(a) === sortedLetters(b);

/** Words this long may have two letters swapped twice ("gehandiactpen", "bepekrnig"). */
const MIN_SCRAMBLED = 8;

/** The one long watched word with the same letters, two swaps away at most, same first letter. */
function scrambled(r: Repairer, token: string): string | undefined {
  if (token.length < MIN_SCRAMBLED) return undefined;
  const found = (r.anagrams.get(sortedLetters(token)) ?? []).filter(
    (w) => w[0] === token[0] && editDistance(token, w) <= 2,
  );
  return found.length === 1 ? found[0] : undefined;
}

/** A three-letter non-word that is a four-letter watched word missing one letter ("jws", "hte"). */
function dropped(r: Repairer, token: string): string | undefined {
  const found = (r.near.get(token) ?? []).filter((w) => w.length === 4 && w[0] === token[0]);
  return found.length === 1 ? found[0] : undefined;
}

/** The watched word one edit away, when exactly one is nearest. */
function nearest(r: Repairer, token: string): string | undefined {
  const candidates = new Set<string>(r.near.get(token) ?? []);
  for (const d of deletions(token)) for (const w of r.near.get(d) ?? []) candidates.add(w);
  // Of several words one edit away, a swap of two letters ("trahs" → "trash", not "trans")
  // is the likeliest slip, then a letter dropped or doubled, then one changed.
  let best: string | undefined;
  let bestRank = Number.POSITIVE_INFINITY;
  for (const w of candidates) {
    // The first letter is kept, unless the first two are swapped ("ejws").
    const firstSwapped = w[0] === token[1] && w[1] === token[0] && w.slice(2) === token.slice(2);
    if (w[0] !== token[0] && w.length < 7 && !firstSwapped) continue;
    if (editDistance(token, w) > 1) continue;
    const rank = w.length !== token.length ? 1 : sameLetters(w, token) ? 0 : 2;
    if (rank < bestRank) {
      best = w;
      bestRank = rank;
    }
  }
  return best;
}
