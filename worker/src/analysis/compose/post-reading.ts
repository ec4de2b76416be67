import { type Positions, readFunctionWords } from './function-words';
import type { ContextKind } from './lexicon-data';
import type { Match } from './lexicon-index';

/** Clause and sentence of each token, packed in one number so spelling repair carries both. */
export const CLAUSES_PER_SENTENCE = 10_000;
const NONE: number[] = [];

/**
 * What a post's layout says before any rule reads it: each token's clause and sentence,
 * quotes, where groups are named, and where each kind of function word is.
 */
export abstract class PostReading {
  readonly clause: number[] = [];
  readonly sentence: number[];
  /** Idioms' spans ("can't help but", "kunnen het niet laten"): words that add no distance. */
  readonly idioms: readonly Match[];
  readonly pronouns: { pos: number; len: number }[];
  readonly question: boolean;
  readonly echo: boolean;
  protected readonly n: number;
  protected readonly quoted: boolean[];
  protected readonly unquoted: number;
  protected readonly inSpan: boolean[];
  protected readonly mentions: Match[];
  protected readonly mentionAt: boolean[];
  protected readonly negation: number[];
  protected readonly report: number[];
  protected readonly boundary: number[];
  protected readonly at: Positions;

  constructor(
    protected readonly tokens: readonly string[],
    marks: readonly number[],
    protected readonly spans: readonly Match[],
    flags: readonly Match[],
    text: string,
    claims: readonly Match[],
    protected readonly asked: ReadonlySet<number>,
  ) {
    const n = tokens.length;
    this.n = n;
    this.question = text.includes('?');
    this.echo = text.includes('(((');
    this.inSpan = new Array<boolean>(n).fill(false);
    for (const m of spans) for (let i = m.pos; i < m.pos + m.len; i++) this.inSpan[i] = true;
    this.mentions = spans.filter((m) => m.tag.cat === 'group' || m.tag.cat === 'slur');
    this.idioms = spans.filter((m) => m.tag.cat === 'context' && m.tag.kind === 'idiom');
    this.mentionAt = new Array<boolean>(n + 1).fill(false);
    for (const m of this.mentions) this.mentionAt[m.pos] = true;
    // A pronoun inside an attack's own words ("we moeten van *ze* af", "*they* should be
    // grateful") still points back at the group; inside any other span it is part of its words.
    const hidesPronoun = this.inSpan.slice();
    for (const m of spans)
      if (m.tag.cat === 'attack') for (let i = m.pos; i < m.pos + m.len; i++) hidesPronoun[i] = false;
    const words = readFunctionWords(tokens, marks, flags, this.inSpan, this.mentionAt, claims, hidesPronoun);
    this.at = words.at;
    this.pronouns = words.pronouns;
    this.negation = words.negation;
    this.report = words.report;
    this.boundary = words.boundary;
    this.quoted = marks.map((m) => m % 2 === 1);
    this.unquoted = this.quoted.filter((q) => !q).length;
    this.sentence = marks.map((m) => Math.floor(Math.floor(m / 2) / CLAUSES_PER_SENTENCE));
    let bump = 0;
    for (let i = 0; i < n; i++) {
      if (i > 0 && this.boundary.includes(i)) bump++;
      this.clause.push(Math.floor((marks[i] ?? 0) / 2) * 100 + bump);
    }
  }

  protected of(kind: ContextKind): number[] {
    return this.at[kind] ?? NONE;
  }

  idiomWordsBetween(from: number, to: number): number {
    let n = 0;
    for (const m of this.idioms) if (m.pos > from && m.pos + m.len <= to) n += m.len;
    return n;
  }

  supposed(pos: number): boolean {
    const c = this.clause[pos];
    let start = pos;
    while (start > 0 && this.clause[start - 1] === c) start--;
    if (!this.of('conditional').includes(start) || this.of('unreal').some((u) => this.clause[u] === c)) return false;
    // "Si tu penses que les X sont …": a thought reported in the condition is read as one.
    if (this.near('complementizer', start, pos - 1)) return false;
    let end = pos;
    while (end + 1 < this.n && this.clause[end + 1] === c) end++;
    return end + 1 < this.n && this.sentence[end + 1] === this.sentence[pos];
  }

  /** A position of `kind` in [from, to] that `same` accepts. */
  protected near(kind: ContextKind | number[], from: number, to: number, same?: (p: number) => boolean): boolean {
    for (const p of typeof kind === 'string' ? this.of(kind) : kind) {
      if (p >= from && p <= to && (!same || same(p))) return true;
    }
    return false;
  }

  protected sameClause(pos: number): (p: number) => boolean {
    const c = this.clause[pos];
    return (p) => this.clause[p] === c;
  }
}
