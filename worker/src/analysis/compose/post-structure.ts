import type { Match } from './lexicon-index';
import { PostQuestions } from './post-questions';
import type { Structure } from './structure';

/** "het", "it", "ça": the object that a clause after it ("… het als X …") spells out. */
const IT: ReadonlySet<string> = new Set(['het', 'it', 'ça', 'cela']);
/** How far before a group the copula of "het zijn (maar) X", "ce ne sont que des X" may come. */
const IDENTITY_REACH = 4;
/** How far after "omdat", "because", "surtout si" the group it identifies may come. */
const LATER_REACH = 5;
/** How far into a relative clause after a group its condition may come. */
const RELATIVE_REACH = 8;
const LOOSE_REACH = 2;
/** The most words a topic clause has ("Dat vluchtelingenvolk," "Ces gens-là,"). */
const TOPIC_LENGTH = 3;
/** How far before a speech verb the speaker makes it their own words ("I'm not ashamed to say"). */
const SPEAKER_BEFORE = 4;
/** How far back in its own clause an intent or the speaker still governs a verb of harm. */
const CLAUSE_REACH = 14;
/** Plural endings of group names in nl, fr and en ("vrouwen", "femmes", "women", "people"). */
const PLURAL = /(?:en|s|x|men|people|folk|'s)$/u;
const QUESTION_ORDER = 2;

export function structureOf(
  tokens: readonly string[],
  marks: readonly number[],
  spans: readonly Match[],
  flags: readonly Match[],
  text: string,
  claims: readonly Match[] = [],
  /** The sentences that end with a question mark (`askedSentences`); none when omitted. */
  asked: ReadonlySet<number> = new Set(),
): Structure {
  return new PostStructure(tokens, marks, spans, flags, text, claims, asked);
}

class PostStructure extends PostQuestions implements Structure {
  negates(pos: number, len: number, before: number, after: number): boolean {
    const c = this.clause[pos];
    const complementizer = this.of('complementizer');
    for (const p of this.negation) {
      if (this.clause[p] !== c) continue;
      if (p < pos) {
        // "do people not realise THAT X are …": a negation does not reach into a subordinate clause.
        if (complementizer.some((q) => q > p && q < pos)) continue;
        // "geen enkele moslim is …", "no muslim is …": a negation before a group reaches further.
        const reach = this.mentions.some((m) => m.pos > p && m.pos < pos) ? before + 3 : before;
        if (pos - p <= reach) return true;
      } else if (p >= pos + len && after > 0) {
        // "sont paresseux et ne veulent pas travailler": a conjunction starts another predicate.
        if (this.of('conjunction').some((q) => q >= pos + len && q < p)) continue;
        // "… blij mogen zijn dat we ze niet verzuipen": nor does one after it reach back out of one.
        if (complementizer.some((q) => q > pos && q < p)) continue;
        // "ik haat mensen met een beperking niet": a group in between carries the negation further.
        let reach = after;
        for (const m of this.mentions) if (m.pos >= pos + len && m.pos < p) reach += m.len + 1;
        if (p - (pos + len - 1) <= reach) return true;
      }
    }
    return false;
  }

  negatedBefore(pos: number, reach: number): boolean {
    return this.near(this.negation, pos - reach, pos - 1, this.sameClause(pos));
  }

  wished(pos: number, reach: number): boolean {
    const s = this.sentence[pos];
    return this.modalNear(pos, reach) || this.near('intent', pos - reach, pos - 1, (p) => this.sentence[p] === s);
  }

  triggered(pos: number, reach: number): boolean {
    const s = this.sentence[pos];
    if (this.near('intent', pos - reach, pos - 1, (p) => this.sentence[p] === s)) return true;
    // Dutch puts the verb last: "ik ga die X aan 't station met een knuppel bewerken" — an
    // intent earlier in the same clause still governs it.
    const clause = this.sameClause(pos);
    if (this.near('intent', pos - CLAUSE_REACH, pos - 1, clause)) return true;
    // "ik schiet ze neer", "als ze komen, sla ik ze", "ik rij die X … omver": the speaker doing harm is a threat.
    if (this.near('speaker', pos - CLAUSE_REACH, pos + 2, clause)) return true;
    if (this.modalNear(pos, reach)) return true;
    return pos === 0 || this.clause[pos - 1] !== this.clause[pos];
  }

  modalNear(pos: number, reach: number): boolean {
    return this.near('modal', pos - reach, pos + reach, this.sameClause(pos));
  }

  complementAfter(pos: number): boolean {
    const c = this.of('complementizer');
    // "ik haat het dat / als …", "I hate it when …": what happens, not who.
    const it = IT.has(this.tokens[pos] as string);
    return c.includes(pos) || (it && (c.includes(pos + 1) || this.of('when').includes(pos + 1)));
  }

  lessNear(pos: number): boolean {
    return this.near('less', pos - 2, pos + 2, this.sameClause(pos));
  }

  boundaryBetween(a: number, b: number): boolean {
    const from = Math.min(a, b);
    const to = Math.max(a, b);
    return this.boundary.some((p) => p > from && p <= to);
  }

  clauseEnd(pos: number): boolean {
    return pos === this.n - 1 || this.clause[pos + 1] !== this.clause[pos];
  }

  negationBetween(from: number, to: number): boolean {
    return this.negation.some((p) => p > from && p < to && this.clause[p] === this.clause[to]);
  }

  secondPerson(pos: number): boolean {
    return this.of('addressee').some((p) => this.clause[p] === this.clause[pos]);
  }

  saidOf(aPos: number, aLen: number, mPos: number, mLen: number, loose: boolean): boolean {
    if (this.clause[aPos] !== this.clause[mPos]) return false;
    const aEnd = aPos + aLen - 1;
    const mEnd = mPos + mLen - 1;
    // Right before it: "vuile migranten", "die smerige moslims", "fucking women".
    if (aEnd < mPos && mPos - aEnd <= (loose ? 2 : 1)) return true;
    const from = Math.min(aPos, mPos);
    const to = Math.max(aEnd, mEnd);
    // Linked by a copula between them, or before both in a question: "zijn moslims dom?".
    const same = this.sameClause(aPos);
    // "Racisme tegen moslims is walgelijk": a group governed by a preposition is not the subject.
    const subject = !(aPos > mEnd && this.governed(mPos));
    // The copula may also close a Dutch subordinate clause: "een moslim die geen leugenaar is".
    if (subject && this.near('copula', from - QUESTION_ORDER, to + 1, same)) return true;
    return loose && aPos > mEnd && aPos - mEnd <= LOOSE_REACH;
  }

  subjectOf(mPos: number, mLen: number, aPos: number): boolean {
    const mEnd = mPos + mLen - 1;
    if (aPos <= mEnd || this.clause[aPos] !== this.clause[mPos] || this.governed(mPos)) return false;
    // "dat moslims aangevallen worden, is walgelijk": the group is inside a clause of its own.
    if (this.near('complementizer', mPos - 3, mPos - 1)) return false;
    return this.near('copula', mEnd + 1, aPos - 1, this.sameClause(aPos));
  }

  restricted(pos: number, len: number): boolean {
    if (this.of('restrictive').includes(pos - 1)) return true;
    const rel = pos + len;
    if (!this.of('relative').includes(rel)) return false;
    return this.of('condition').some(
      (c) => c > rel && c - rel <= RELATIVE_REACH && this.clause[c] === this.clause[rel],
    );
  }

  peopleNear(pos: number, reach: number): boolean {
    return this.of('people').some((p) => Math.abs(p - pos) <= reach && this.sentence[p] === this.sentence[pos]);
  }

  personal(pos: number): boolean {
    return this.of('personal').includes(pos);
  }

  /** A preposition right before the group, or before its determiner ("tegen (die) moslims"). */
  namedAsThing(pos: number, groupPos: number): boolean {
    if (!this.of('article').includes(pos - 1)) return false;
    return !this.near('speaker', pos - 3, groupPos, this.sameClause(pos));
  }

  byStatus(pos: number): boolean {
    return this.of('status').includes(pos);
  }

  speakerAfter(pos: number): boolean {
    return this.of('speaker').some((p) => p > pos && p - pos <= 2 && this.clause[p] === this.clause[pos]);
  }

  thirdPerson(pos: number): boolean {
    return this.of('third').includes(pos);
  }

  halting(pos: number, len: number): boolean {
    return this.of('halt').some((p) => p >= pos && p < pos + len);
  }

  addressees(): readonly number[] {
    return this.of('addressee');
  }

  addressedAs(mPos: number): boolean {
    const clause = this.sameClause(mPos);
    return (
      this.near('addressee', mPos - IDENTITY_REACH, mPos - 1, clause) &&
      this.near('copula', mPos - IDENTITY_REACH, mPos + 2, clause) &&
      // "Si tu penses que les X sont …": what you think of them, not what you are.
      !this.near('complementizer', mPos - IDENTITY_REACH, mPos - 1, clause)
    );
  }

  identifiedLater(pos: number): number | undefined {
    const because = this.of('because');
    for (const m of this.mentions) {
      if (m.pos <= pos || this.sentence[m.pos] !== this.sentence[pos]) continue;
      const f = because.find((b) => b > pos && b < m.pos && m.pos - b <= LATER_REACH);
      if (f === undefined) continue;
      if (this.near('copula', f + 1, m.pos + m.len + 1, (p) => p >= f)) return m.pos;
    }
    return undefined;
  }

  identifiedAs(mPos: number): boolean {
    return this.near('copula', mPos - IDENTITY_REACH, mPos - 1, this.sameClause(mPos));
  }

  agentive(pos: number): boolean {
    const at = this.of('agentive');
    return at.includes(pos - 1) || (at.includes(pos - 2) && this.of('article').includes(pos - 1));
  }

  governed(mPos: number): boolean {
    return this.near('preposition', mPos - 2, mPos - 1);
  }

  individual(aPos: number, mPos: number, mLen: number): boolean {
    if (!(aPos < mPos && mPos - aPos <= 2 && this.of('article').includes(aPos - 1))) return false;
    return !PLURAL.test(this.tokens[mPos + mLen - 1] as string);
  }

  selfIdentified(pos: number): boolean {
    const self = this.spans.some(
      (m) => m.tag.cat === 'context' && m.tag.kind === 'self' && m.pos < pos && pos - m.pos <= 4,
    );
    // "wij flikkers", "ik ben een travo", "I'm a proud dyke"
    const speaking = this.of('speaker').some(
      (p) => p < pos && pos - p <= 4 && (pos - p === 1 || this.near('copula', p + 1, pos - 1)),
    );
    // "Nègre je suis", "Flikker ben ik": the speaker and a copula right after the word.
    const inverted = this.of('copula').includes(pos + 1)
      ? this.of('speaker').includes(pos + 2)
      : this.of('speaker').includes(pos + 1) && this.of('copula').includes(pos + 2);
    return self || ((speaking || inverted) && !this.negation.some((p) => p < pos && pos - p <= 4));
  }

  deniedSpeech(pos: number): boolean {
    for (const p of this.report) {
      if (p >= pos || this.sentence[p] !== this.sentence[pos]) continue;
      // "ik heb nooit gezegd", not "ik ben niet racistisch, ik zeg …": the negation in the speech verb's clause.
      if (this.negation.some((q) => q < p && p - q <= 3 && this.clause[q] === this.clause[p])) return true;
    }
    return false;
  }

  reportedInSentence(pos: number): boolean {
    if (this.reportedAt(pos)) return true;
    // A speech verb after the claim reports it as a tag ("…, zegt de schepen", "…, critics
    // said"), not when denied ("… et personne n'ose le dire", "… nobody dares to say it").
    return this.report.some(
      (p) =>
        this.sentence[p] === this.sentence[pos] &&
        !this.near('speaker', p - SPEAKER_BEFORE, p - 1) &&
        (p < pos || !this.negation.some((q) => q < p && this.clause[q] === this.clause[p])),
    );
  }

  topicBefore(pos: number): number | undefined {
    let start = pos;
    while (start > 0 && this.clause[start - 1] === this.clause[pos]) start--;
    if (start === 0 || this.sentence[start - 1] !== this.sentence[pos]) return undefined;
    let from = start - 1;
    while (from > 0 && this.clause[from - 1] === this.clause[start - 1]) from--;
    if (start - from > TOPIC_LENGTH) return undefined;
    for (let p = from; p < start; p++) if (this.mentionAt[p]) return p;
    return undefined;
  }

  quotedAt(pos: number): boolean {
    return this.quoted[pos] === true;
  }

  speakerBefore(pos: number): boolean {
    // "ik denk dat", "I think": the speaker is the subject; in "mijn nonkel denkt" it is not.
    return this.near('speaker', pos - 1, pos - 1, this.sameClause(pos));
  }

  reportedAt(pos: number): boolean {
    // "zeggen dat X …" before, or "wie X ratten noemt" after: the words are someone's;
    // "ik zeg", "I say": the speaker's own words.
    const c = this.clause[pos];
    if (this.report.some((p) => this.clause[p] === c && !this.near('speaker', p - SPEAKER_BEFORE, p - 1))) return true;
    // "volgens het rapport …" reports; "volgens mij …" is the speaker's own view.
    const speaker = this.of('speaker');
    if (this.of('source').some((p) => this.clause[p] === c && p < pos && !speaker.includes(p + 1))) return true;
    // Quoted, with words of the poster's own around the quote: a mention, not a use.
    return this.quoted[pos] === true && this.unquoted >= 3;
  }
}
