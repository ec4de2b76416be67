/**
 * Character n-gram evidence for language identification, from the n-gram database of
 * `eld` (Efficient Language Detector, Nito T.M., Apache-2.0, npm `eld`, 60 languages).
 *
 * Why not call `eld.detect()`: it costs 15–140 µs a short post here (objects per result,
 * `for…in` over string keys, a copy of the score array per call) and the whole analysis
 * must stay near 60 µs. We load the same database once, pack it into typed arrays and
 * score with eld's own method (UTF-8 byte strings of each word; 4-byte n-grams with stride
 * 3, word start and word end marked by a space; each distinct n-gram adds its score + 53
 * to every language that has it). Results agree with `eld.detect()` (tested) at a few µs.
 *
 * The database is read as text (language-ngram-data.ts); the version of eld is pinned
 * exactly in worker/package.json.
 */

import { loadEldDatabase } from './language-ngram-data';

const db = loadEldDatabase('small');
const dictionary = db.dictionary;

/** eld subtracts this from every stored score to keep its database small; it adds it back. */
const BASE_SCORE = 53;
/** eld's scale: a language's mean n-gram score s becomes s / (s + 25), in 0..1. */
const SCALE = 25;

/** ISO 639-1 codes, by eld's language index. */
export const NGRAM_LANGS: readonly string[] = db.languages;

/**
 * eld writes each UTF-8 byte as one character of its dictionary (several bytes share the
 * space). CODE gives each distinct character one number (the first byte that has it), so an
 * n-gram of up to 6 characters packs into two integers: no string is built while scoring.
 */
const CODE = new Map<string, number>();
dictionary.forEach((ch, b) => {
  if (!CODE.has(ch)) CODE.set(ch, b);
});
/** A text byte's number as CODE numbers it. */
const BYTE_CODE = Uint8Array.from(dictionary, (ch) => CODE.get(ch) as number);
const SPACE = CODE.get(' ') as number;

/** Open-addressing table from a packed n-gram to where its (language, score) pairs start. */
const BITS = 18;
const SLOTS = 1 << BITS;
const keyLo = new Uint32Array(SLOTS);
const keyHi = new Uint32Array(SLOTS);
const slotStart = new Int32Array(SLOTS).fill(-1);
const slotEnd = new Int32Array(SLOTS);

const hash = (lo: number, hi: number) => Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b) >>> (32 - BITS);

/** Set by pack(); module variables rather than a returned pair, so scoring allocates nothing. */
let packedLo = 0;
let packedHi = 0;

/** Low word: first four codes; high word: codes 5–6 and the length (1–6), so keys never collide. */
function pack(codes: ArrayLike<number>, n: number): void {
  let lo = 0;
  for (let i = 0; i < Math.min(n, 4); i++) lo |= (codes[i] as number) << (8 * i);
  let hi = n;
  for (let i = 4; i < n; i++) hi |= (codes[i] as number) << (8 * (i - 3));
  packedLo = lo >>> 0;
  packedHi = hi >>> 0;
}

function slotOf(lo: number, hi: number): number {
  let s = hash(lo, hi);
  while (slotStart[s] !== -1 && (keyLo[s] !== lo || keyHi[s] !== hi)) s = (s + 1) & (SLOTS - 1);
  return s;
}

let PAIRS = new Int32Array(0);
let built = false;

/**
 * Packs the database on first use, not at import: every process that imports the pipeline
 * (each CLI command, each test file) would otherwise pay for it (~0.3–1 s) at start.
 */
function buildTable(): void {
  const pairs: number[] = [];
  let stored = 0;
  for (const [gram, entry] of db.ngrams) {
    const codes = [...gram].map((ch) => CODE.get(ch));
    if (codes.length > 6 || codes.some((c) => c === undefined)) continue; // none in eld 2.1.0; guarded all the same
    pack(codes as number[], codes.length);
    const s = slotOf(packedLo, packedHi);
    keyLo[s] = packedLo;
    keyHi[s] = packedHi;
    slotStart[s] = pairs.length;
    for (let k = 0; k < entry.length; k += 2) pairs.push(entry[k] as number, (entry[k + 1] as number) + BASE_SCORE);
    slotEnd[s] = pairs.length;
    stored++;
  }
  if (stored * 2 > SLOTS) throw new Error('language n-gram table too full');
  PAIRS = Int32Array.from(pairs);
  built = true;
}

/** eld reads at most 1000 characters, stops at a space past 350 bytes and anywhere past 380. */
const MAX_CHARS = 1000;
const CUT_AFTER = 350;
const ENFORCE_CUT = 380;
const BYTES = new Uint8Array(ENFORCE_CUT + 16);
let length = 0;

const LETTER = /\p{L}/u;
/** Non-ASCII code point → its lowercase form if a letter, else ''. Bounded: scripts are few. */
const lowerCache = new Map<number, string>();
function lowerLetter(cp: number): string {
  let v = lowerCache.get(cp);
  if (v === undefined) {
    const ch = String.fromCodePoint(cp);
    // eld's letter class covers the BMP only; letters beyond it separate words there too.
    v = cp <= 0xffff && LETTER.test(ch) ? ch.toLowerCase() : '';
    if (lowerCache.size < 8192) lowerCache.set(cp, v);
  }
  return v;
}

/** Appends a code point as UTF-8; false once eld would have stopped reading (past ENFORCE_CUT). */
function put(cp: number): boolean {
  if (length > ENFORCE_CUT) return false;
  if (cp < 0x80) BYTES[length++] = cp;
  else if (cp < 0x800) {
    BYTES[length++] = 0xc0 | (cp >> 6);
    BYTES[length++] = 0x80 | (cp & 0x3f);
  } else if (cp < 0x10000) {
    BYTES[length++] = 0xe0 | (cp >> 12);
    BYTES[length++] = 0x80 | ((cp >> 6) & 0x3f);
    BYTES[length++] = 0x80 | (cp & 0x3f);
  } else {
    BYTES[length++] = 0xf0 | (cp >> 18);
    BYTES[length++] = 0x80 | ((cp >> 12) & 0x3f);
    BYTES[length++] = 0x80 | ((cp >> 6) & 0x3f);
    BYTES[length++] = 0x80 | (cp & 0x3f);
  }
  return true;
}

const isApostrophe = (cp: number) => cp === 0x27 || cp === 0x60 || cp === 0x2019;

/**
 * Writes the text into BYTES as eld reads it, in one pass: lowercased; every run of
 * non-letters becomes one space unless it ends in apostrophes, which stay (so "da's",
 * "c'est", "'t" keep theirs, as eld was trained); trimmed; cut after 350/380 bytes.
 */
/** The run of non-letters being read (module variables: writing a post allocates nothing). */
let inRun = false;
let runSeparates = false; // the run holds a non-apostrophe: it becomes a space
const apostrophes: number[] = [];

/** Ends a run of non-letters: a space unless it is all apostrophes, then its trailing apostrophes. */
function flushRun(atEnd: boolean): boolean {
  if (runSeparates && length > 0 && !(atEnd && apostrophes.length === 0)) {
    if (length > CUT_AFTER) return false; // eld stops at a space past 350 bytes
    BYTES[length++] = 0x20;
  }
  for (const a of apostrophes) if (!put(a)) return false;
  inRun = false;
  runSeparates = false;
  apostrophes.length = 0;
  return true;
}

function writeWords(text: string): void {
  length = 0;
  inRun = false;
  runSeparates = false;
  apostrophes.length = 0;
  const end = Math.min(text.length, MAX_CHARS);
  for (let i = 0; i < end; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp < 0xdc00 && i + 1 < end) {
      cp = text.codePointAt(i) as number;
      i++;
    }
    let lower: string | undefined;
    if (cp < 0x80) {
      if ((cp >= 0x61 && cp <= 0x7a) || (cp >= 0x41 && cp <= 0x5a)) {
        if (inRun && !flushRun(false)) return;
        if (!put(cp | 0x20)) return;
        continue;
      }
    } else lower = lowerLetter(cp);
    if (lower) {
      if (inRun && !flushRun(false)) return;
      for (let k = 0; k < lower.length; k++) if (!put(lower.codePointAt(k) as number)) return;
      continue;
    }
    inRun = true;
    if (isApostrophe(cp)) apostrophes.push(cp);
    else {
      runSeparates = true;
      apostrophes.length = 0;
    }
  }
  if (inRun) flushRun(true);
}

/** The grams of one post, to count each distinct one once (as eld does): stamp marks this post's. */
const SEEN_BITS = 10;
const seenLo = new Uint32Array(1 << SEEN_BITS);
const seenHi = new Uint32Array(1 << SEEN_BITS);
const seenStamp = new Uint32Array(1 << SEEN_BITS);
let stamp = 0;
const gram = new Uint8Array(6);

export type NgramScores = {
  /** Per language (index as NGRAM_LANGS), the summed points of its n-grams (0: none known); see scaleScore(). */
  sums: Float64Array;
  /** How many distinct n-grams the text had (eld calls fewer than 3 unreliable). */
  grams: number;
  /** How many of them the database knows. */
  known: number;
};

/** The scoring state of the current call (module variables: adding a gram allocates nothing). */
let target: Float64Array = new Float64Array(0);
let grams = 0;
let known = 0;

/** Counts the gram BYTES[from..to) (with word-start/end spaces) once, adding its points to `target`. */
function add(from: number, to: number, lead: boolean, trail: boolean): void {
  let k = 0;
  if (lead) gram[k++] = SPACE;
  for (let i = from; i < to; i++) gram[k++] = BYTE_CODE[BYTES[i] as number] as number;
  if (trail) gram[k++] = SPACE;
  pack(gram, k);
  const lo = packedLo;
  const hi = packedHi;
  let q = hash(lo, hi) & ((1 << SEEN_BITS) - 1);
  while (seenStamp[q] === stamp) {
    if (seenLo[q] === lo && seenHi[q] === hi) return;
    q = (q + 1) & ((1 << SEEN_BITS) - 1);
  }
  seenStamp[q] = stamp;
  seenLo[q] = lo;
  seenHi[q] = hi;
  grams++;
  const slot = slotOf(lo, hi);
  const start = slotStart[slot] as number;
  if (start < 0) return;
  known++;
  const end = slotEnd[slot] as number;
  for (let p = start; p < end; p += 2) {
    const lang = PAIRS[p] as number;
    target[lang] = (target[lang] as number) + (PAIRS[p + 1] as number);
  }
}

/** Sums every language's n-gram points for `text` into `out` (reused: copy what you keep). */
export function ngramScores(text: string, out: Float64Array = new Float64Array(NGRAM_LANGS.length)): NgramScores {
  if (!built) buildTable();
  out.fill(0);
  writeWords(text);
  const n = length;
  stamp = (stamp + 1) >>> 0 || 1;
  target = out;
  grams = 0;
  known = 0;
  let w = 0;
  for (let i = 0; i <= n; i++) {
    if (i < n && BYTES[i] !== 32) continue;
    if (i > w) {
      const full = i - w;
      const len = Math.min(full, 70);
      let j = 0;
      for (; j + 4 < len; j += 3) add(w + j, w + j + 4, j === 0, false);
      // eld's last gram: the word's last 4 bytes (all of a shorter word); past 70 bytes it runs to the end.
      if (full - Math.max(0, len - 4) <= 4) add(w + (len !== 3 ? Math.max(0, len - 4) : 0), w + full, j === 0, true);
      else grams++; // longer than any stored gram: unknown, but eld counts it
    }
    w = i + 1;
  }
  return { sums: out, grams, known };
}

/**
 * eld's 0..1 score of a language from its summed n-gram points: the mean per n-gram m of
 * the text, as m / (m + 25). A correct detection of a sentence scores about 0.78.
 */
export const scaleScore = (sum: number, grams: number) => {
  const mean = sum / Math.max(1, grams);
  return mean > 0 ? mean / (mean + SCALE) : 0;
};

export const NGRAM_SOURCE = `eld ${db.type} (npm eld, Apache-2.0)`;
