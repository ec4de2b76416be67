import type { ThemeId } from '@trendwacht/shared';
import { type AnalysedLang, stem } from '../lexicon';
import { exactly } from '../phrases';
import { tokenise } from '../tokenise';
import { PARTICLE_REACH, degreesOf, presentStem, separable } from './dutch-forms';
import {
  type Aim,
  type AttackKind,
  type ContextKind,
  type FrameEntry,
  type Group,
  type Lexicons,
  type TropeEntry,
  type TropeNeeds,
  loadLexicons,
} from './lexicon-data';
import { DET, DETERMINER_CLASS, LOOSE_KINDS, MAX_PARTICLES, type Word } from './loose-phrases';

/** What a lexicon entry says a span of the post is. */
export type Tag =
  | { cat: 'group'; group: Aim }
  | { cat: 'slur'; group: Group }
  | { cat: 'attack'; kind: AttackKind }
  | { cat: 'context'; kind: ContextKind }
  | { cat: 'trope'; theme: ThemeId; trope: string; needs: TropeNeeds }
  | { cat: 'claim'; kind: string };

export type Match = { tag: Tag; term: string; pos: number; len: number; cost: number };

/** `loose`: an attack phrase, which reads any determiner of a class and skips particles. */
type Entry = { words: Word[]; term: string; tag: Tag; seen: number; loose: boolean };

/** No token has another stem (languages other than Dutch). */
const NO_ALT: readonly (string | undefined)[] = [];

/**
 * One language's lexicons compiled for matching: one-word entries by the surface and stem
 * of their word, longer ones by their first two words, so each position of a post costs a
 * few map lookups whatever the number of entries. Words match by surface or stem (`=word`:
 * by surface only).
 */
export class LexiconIndex {
  /** One-word entries by surface and by stem of their word. */
  private readonly single = new Map<string, Entry[]>();
  /**
   * Longer entries by their first word, then their second (surface or stem of each). A
   * determiner inside an attack phrase stands for any of its class ("in een dierentuin" also reads
   * "in de dierentuin", "dans des cages" "dans nos cages"); one that ends it is its point
   * ("niet normaal *dat*", "pakken *onze*") and is matched as written.
   */
  private readonly pairs = new Map<string, Map<string, Entry[]>>();
  /** Determiners (context.tsv) by class: articles and demonstratives, or possessives. */
  private readonly determiners = new Map<string, Word>();
  /** Words that may stand inside an attack phrase (context.tsv `particle`: "wel", "toujours", "always"). */
  private readonly particles = new Set<string>();
  /** Single words a misspelling may be repaired towards (groups, slurs, attacks). */
  readonly watched = new Set<string>();
  /** Every word any entry uses. */
  readonly surfaces = new Set<string>();
  /** Every word of a group's name or slur ("zwarte", "mensen", "moslims"). */
  readonly groupWords = new Set<string>();

  constructor(
    readonly lang: AnalysedLang,
    lex: Lexicons = loadLexicons(lang),
  ) {
    for (const e of lex.context) {
      const cls = DETERMINER_CLASS[e.kind];
      if (cls) for (const t of tokenise(e.term.replaceAll('=', ''))) this.determiners.set(t, cls);
      if (e.kind === 'particle') for (const t of tokenise(e.term.replaceAll('=', ''))) this.particles.add(t);
    }
    for (const e of lex.groups) this.add(e.term, { cat: 'group', group: e.group });
    for (const e of lex.slurs) this.add(exactly(e.term), { cat: 'slur', group: e.group });
    for (const e of lex.attacks) this.add(e.term, { cat: 'attack', kind: e.kind });
    for (const e of lex.context) this.add(e.term, { cat: 'context', kind: e.kind });
    for (const e of lex.tropes as TropeEntry[]) {
      this.add(e.term, { cat: 'trope', theme: e.theme, trope: e.trope, needs: e.needs });
    }
    for (const e of lex.claims) this.add(e.term, { cat: 'claim', kind: e.kind });
    this.frames = lex.frames;
    for (const h of lex.homonyms) {
      const senses = this.senses.get(h.slur) ?? new Set<string>();
      senses.add(stem(lang, h.sense));
      this.senses.set(h.slur, senses);
    }
  }

  /** Per slur as written, the stems of words of its other sense (homonyms.tsv). */
  private readonly senses = new Map<string, Set<string>>();

  /**
   * A slur beside a word of its other sense is that sense: "a litter of puppies", "the
   * tranny of my Land Rover", "la pédale de frein"): a word of its sentence (`sentence[i]`
   * the sentence of token i) whose stem is one of the slur's senses.
   */
  otherSense(slur: string, stems: readonly string[], sentence: readonly number[], pos: number): boolean {
    const senses = this.senses.get(slur);
    if (senses === undefined) return false;
    for (let i = 0; i < stems.length; i++)
      if (sentence[i] === sentence[pos] && senses.has(stems[i] as string)) return true;
    return false;
  }

  /** Claims made of parts (frames.tsv), read by `frameMatches`. */
  readonly frames: readonly FrameEntry[];

  private add(term: string, tag: Tag): void {
    const words: Word[] = [];
    for (const part of term.split(' ')) {
      const exact = part.startsWith('=');
      for (const t of tokenise(exact ? part.slice(1) : part))
        words.push({ surface: t, stem: stem(this.lang, t), exact });
    }
    if (words.length === 0) return;
    // Only attack phrases are loose: in a claim the article is part of it ("own *the* banks"
    // is control, "owned *a* bank" history).
    const loose = tag.cat === 'attack' && LOOSE_KINDS.has(tag.kind) && words.length > 1;
    if (loose)
      for (let j = 0; j < words.length - 1; j++)
        words[j] = this.determiners.get((words[j] as Word).surface) ?? (words[j] as Word);
    const entry: Entry = { words, term: term.replaceAll('=', ''), tag, seen: -1, loose };
    const [first, second] = entry.words as [Word, Word | undefined];
    if (!second) {
      for (const k of keysOf(first)) push(this.single, k, entry);
      const graded =
        (tag.cat === 'attack' && (tag.kind === 'attribute' || tag.kind === 'dehumanising')) ||
        (tag.cat === 'context' && tag.kind === 'counter');
      const split = tag.cat === 'attack' ? separable(this.lang, first.surface) : null;
      if (split) push(this.separated, stem(this.lang, split.verb), { particle: split.particle, entry });
      if (graded)
        for (const form of degreesOf(this.lang, first.surface))
          push(this.single, form, { ...entry, words: [{ surface: form, stem: form, exact: true }] });
    } else {
      for (const a of keysOf(first)) {
        let next = this.pairs.get(a);
        if (!next) {
          next = new Map();
          this.pairs.set(a, next);
        }
        for (const b of keysOf(second)) push(next, b, entry);
      }
    }
    for (const w of words) this.surfaces.add(w.surface);
    const named = tag.cat === 'group' || tag.cat === 'slur';
    if (named) for (const w of words) if (w.surface.length >= 4) this.groupWords.add(w.surface);
    // Insinuations are ordinary words in an order ("might as well"): nobody misspells them to hide.
    const watchedTag = named || (tag.cat === 'attack' && tag.kind !== 'positive' && tag.kind !== 'insinuation');
    if (!watchedTag) return;
    // Every word of a name; of an attack phrase, its longer words ("disgusted" in "disgusted by").
    for (const w of words) {
      if (named ? w.surface.length >= 4 : w.surface.length >= (words.length === 1 ? 4 : 5)) this.watched.add(w.surface);
    }
  }

  /**
   * Dutch separable verbs of attack by the stem of their verb: "terugsturen" is also "sturen
   * we die X … terug", "buitenzetten" "zet ze buiten" (the particle later in the clause).
   */
  private readonly separated = new Map<string, { particle: string; entry: Entry }[]>();

  /** Every entry found at every position, each with the edit cost of its inflected words. */
  find(tokens: readonly string[], stems: readonly string[]): Match[] {
    const out: Match[] = [];
    this.alt = this.lang === 'nl' ? tokens.map((t) => presentStem(t)) : NO_ALT;
    for (let i = 0; i < tokens.length; i++) {
      // A scan number marks entries already tried at this position (no per-token set).
      const scan = ++this.scans;
      const t = tokens[i] as string;
      const st = stems[i] as string;
      this.tryAll(this.single.get(t), tokens, stems, i, scan, out);
      if (st !== t) this.tryAll(this.single.get(st), tokens, stems, i, scan, out);
      const alt = this.alt[i];
      if (alt !== undefined && alt !== st) this.tryAll(this.single.get(alt), tokens, stems, i, scan, out);
      // The verb here, its particle later: only the verb is the attack's span (the group
      // between them stays the group's).
      for (const { particle, entry } of this.separated.get(st) ?? [])
        for (let j = i + 1; j < tokens.length && j - i <= PARTICLE_REACH; j++)
          if (tokens[j] === particle) {
            out.push({ tag: entry.tag, term: entry.term, pos: i, len: 1, cost: 1 });
            break;
          }
    }
    // Phrases: a determiner of the post is found as any of its class and as itself; the
    // second word of an attack phrase may come after particles ("draaien u *altijd* een loer").
    for (let i = 0; i + 1 < tokens.length; i++) {
      const scan = ++this.scans;
      const t = tokens[i] as string;
      const st = stems[i] as string;
      const det = this.determiners.get(t);
      for (let j = i + 1; j < tokens.length && j - i - 1 <= MAX_PARTICLES; j++) {
        if (det) this.tryNext(this.pairs.get(det.surface), tokens, stems, i, j, scan, out);
        this.tryNext(this.pairs.get(t), tokens, stems, i, j, scan, out);
        if (st !== t) this.tryNext(this.pairs.get(st), tokens, stems, i, j, scan, out);
        const alt = this.alt[i];
        if (alt !== undefined && alt !== st) this.tryNext(this.pairs.get(alt), tokens, stems, i, j, scan, out);
        if (!this.particles.has(tokens[j] as string)) break;
      }
    }
    return out;
  }

  private scans = 0;

  /** Entries whose first word is at `i`, by their second word, at `j`. */
  private tryNext(
    next: Map<string, Entry[]> | undefined,
    tokens: readonly string[],
    stems: readonly string[],
    i: number,
    j: number,
    scan: number,
    out: Match[],
  ): void {
    if (!next) return;
    const n = tokens[j] as string;
    const nst = stems[j] as string;
    this.tryAll(next.get(n), tokens, stems, i, scan, out);
    if (nst !== n) this.tryAll(next.get(nst), tokens, stems, i, scan, out);
    const alt = this.alt[j];
    if (alt !== undefined && alt !== nst) this.tryAll(next.get(alt), tokens, stems, i, scan, out);
    const det = this.determiners.get(n);
    if (det) this.tryAll(next.get(det.surface), tokens, stems, i, scan, out);
  }

  private tryAll(
    list: Entry[] | undefined,
    tokens: readonly string[],
    stems: readonly string[],
    i: number,
    scan: number,
    out: Match[],
  ): void {
    if (!list) return;
    for (const e of list) {
      if (e.seen === scan) continue;
      const cost = this.matchCost(e, tokens, stems, i);
      if (cost < 0) continue;
      e.seen = scan;
      out.push({ tag: e.tag, term: e.term, pos: i, len: this.end - i, cost });
    }
  }

  /** Per token of the post being read, the stem of its Dutch present form without "-t" (or undefined). */
  private alt: readonly (string | undefined)[] = NO_ALT;

  /** Where the last match ended (exclusive), set by `matchCost`. */
  private end = 0;

  /**
   * -1 when the entry does not match at `at`; else the summed edit distance of its inflected
   * words (and `end` where it ended). A loose entry reads a determiner of its class in place
   * of its own and lets up to MAX_PARTICLES particles stand between its words.
   */
  private matchCost(e: Entry, tokens: readonly string[], stems: readonly string[], at: number): number {
    let cost = 0;
    let k = at;
    let skipped = 0;
    for (let j = 0; j < e.words.length; j++, k++) {
      const w = e.words[j] as Word;
      if (e.loose && j > 0)
        while (skipped < MAX_PARTICLES && tokens[k] !== w.surface && this.particles.has(tokens[k] as string)) {
          k++;
          skipped++;
        }
      const t = tokens[k];
      if (t === undefined) return -1;
      if (t === w.surface) continue;
      if (w.surface.startsWith(DET)) {
        if (this.determiners.get(t) !== w) return -1;
        continue;
      }
      if (w.exact || (stems[k] !== w.stem && this.alt[k] !== w.stem)) return -1;
      // How far the inflection is from the entry's form, for ties only ("hates": "hate" before "hateful").
      cost += Math.abs(t.length - w.surface.length) + (t.startsWith(w.surface) || w.surface.startsWith(t) ? 0 : 1);
    }
    this.end = k;
    return cost;
  }
}

/** The keys a word is found by: its surface, and its stem unless written `=word`. */
const keysOf = (w: Word): string[] => (w.exact || w.stem === w.surface ? [w.surface] : [w.surface, w.stem]);

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

const indexes = new Map<AnalysedLang, LexiconIndex>();

/** The committed lexicons of a language, compiled on first use. */
export function lexiconIndex(lang: AnalysedLang): LexiconIndex {
  let idx = indexes.get(lang);
  if (!idx) {
    idx = new LexiconIndex(lang);
    indexes.set(lang, idx);
  }
  return idx;
}
