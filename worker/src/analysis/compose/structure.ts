import type { ContextKind } from './lexicon-data';
import type { Match } from './lexicon-index';

/**
 * The shape of a post the detector reasons over: clauses (punctuation and words such as
 * "maar", "but", "mais" start one), sentences, and where the function words are —
 * negations, copulas, modals, statements of intent, speech verbs, pronouns, the addressee.
 * Positions are token indexes after spelling repair.
 */
export type Structure = {
  clause: number[];
  sentence: number[];
  pronouns: { pos: number; len: number }[];
  question: boolean;
  /** The "(((echo)))" around a name: a coded antisemitic marker. */
  echo: boolean;
  negates(pos: number, len: number, before: number, after: number): boolean;
  negatedBefore(pos: number, reach: number): boolean;
  /** A statement of intent, a modal, or a command ("Schiet ze dood") near a verb of harm. */
  triggered(pos: number, reach: number): boolean;
  modalNear(pos: number, reach: number): boolean;
  secondPerson(pos: number): boolean;
  clauseEnd(pos: number): boolean;
  /** A "maar" / "but" / "mais" between two positions (in either order). */
  boundaryBetween(a: number, b: number): boolean;
  negationBetween(from: number, to: number): boolean;
  /** "niet minder waard", "not worth less": a comparison that undoes the denial of a good word. */
  lessNear(pos: number): boolean;
  /** A complementizer ("dat", "that", "que") right here: what follows is a clause, not an object. */
  complementAfter(pos: number): boolean;
  /** The attack is said *of* the mention: right before it, or linked to it by a copula. */
  saidOf(aPos: number, aLen: number, mPos: number, mLen: number, loose: boolean): boolean;
  /**
   * One person described ("een hysterische vrouw", "a stupid woman"): an article, then the
   * attack, then a singular name. Said of one, it is an insult, not hate against the group.
   */
  individual(aPos: number, mPos: number, mLen: number): boolean;
  /** A member speaking ("als homo", "wij flikkers"): a reclaimed word, not a slur. */
  selfIdentified(pos: number): boolean;
  /** Someone else's words: a speech verb in its clause (not "ik zeg"), or quoted with words around it. */
  reportedAt(pos: number): boolean;
  /** "ik heb nooit gezegd dat …", "I never said that …": the speaker denies the words. */
  deniedSpeech(pos: number): boolean;
  /** The same, anywhere in the sentence: a news line about a claim ("…, critics say"). */
  reportedInSentence(pos: number): boolean;
};

/** Clause and sentence of each token, packed in one number so spelling repair carries both. */
export const CLAUSES_PER_SENTENCE = 10_000;
const LOOSE_REACH = 2;
/** Plural endings of group names in nl, fr and en ("vrouwen", "femmes", "women", "people"). */
const PLURAL = /(?:en|s|x|men|people|folk|'s)$/u;
/** The first half of a French negation, which negates only with its second half. */
const NE: ReadonlySet<string> = new Set(['ne', 'n']);
const QUESTION_ORDER = 2;

export function structureOf(
  tokens: readonly string[],
  marks: readonly number[],
  spans: readonly Match[],
  flags: readonly Match[],
  text: string,
): Structure {
  const n = tokens.length;
  const at = (kind: ContextKind) =>
    new Set(flags.filter((f) => f.tag.cat === 'context' && f.tag.kind === kind).map((f) => f.pos));
  const inSpan = new Set<number>();
  for (const m of spans) for (let i = m.pos; i < m.pos + m.len; i++) inSpan.add(i);
  const mentionSpans = spans.filter((m) => m.tag.cat === 'group' || m.tag.cat === 'slur');
  const mentionAt = new Set(mentionSpans.map((m) => m.pos));
  const less = at('less');
  // French "ne … que" restricts ("ils ne pensent qu'au sexe"): only "ne" with pas/jamais/rien… negates.
  const negationAll = [...at('negation')].filter((p) => !inSpan.has(p));
  const negation = negationAll.filter(
    (p) => !(NE.has(tokens[p] as string) && !negationAll.some((q) => q > p && q - p <= 4)),
  );
  const copula = at('copula');
  const modal = at('modal');
  const intent = at('intent');
  const agent = at('agent');
  // "said by a woman": the group is the speaker, not what is said.
  const report = new Set([...at('report')].filter((p) => !agent.has(p + 1)));
  const source = at('source');
  const speaker = at('speaker');
  const addressee = at('addressee');
  const article = at('article');
  const boundary = new Set([...at('boundary')].filter((p) => !inSpan.has(p)));
  const complementizer = at('complementizer');

  const quoted = marks.map((m) => m % 2 === 1);
  const place = marks.map((m) => Math.floor(m / 2));
  const sentence = place.map((m) => Math.floor(m / CLAUSES_PER_SENTENCE));
  const clause: number[] = [];
  let bump = 0;
  for (let i = 0; i < n; i++) {
    if (boundary.has(i) && i > 0) bump++;
    clause.push((place[i] ?? 0) * 100 + bump);
  }
  const clauseStart = (i: number) => i === 0 || clause[i - 1] !== clause[i];

  const pronouns = flags
    .filter((f) => f.tag.cat === 'context' && f.tag.kind === 'pronoun')
    // "die moslims", "those women": a determiner before a group, not a pronoun.
    .filter((f) => !mentionAt.has(f.pos + f.len) && !inSpan.has(f.pos))
    .map((f) => ({ pos: f.pos, len: f.len }));

  const within = (
    set: ReadonlySet<number> | readonly number[],
    from: number,
    to: number,
    same: (p: number) => boolean,
  ) => {
    for (const p of set) if (p >= from && p <= to && same(p)) return true;
    return false;
  };

  return {
    clause,
    sentence,
    pronouns,
    question: text.includes('?'),
    echo: text.includes('((('),
    negates(pos, len, before, after) {
      const c = clause[pos];
      for (const p of negation) {
        if (clause[p] !== c) continue;
        if (p < pos) {
          // "do people not realise THAT X are …": a negation does not reach into a subordinate clause.
          if ([...complementizer].some((c) => c > p && c < pos)) continue;
          // "geen enkele moslim is …", "no muslim is …": a negation before a group reaches further.
          const reach = [...mentionAt].some((m) => m > p && m < pos) ? before + 3 : before;
          if (pos - p <= reach) return true;
        } else if (p >= pos + len && after > 0) {
          // "ik haat mensen met een beperking niet": a group in between carries the negation further.
          let reach = after;
          for (const m of mentionSpans) if (m.pos >= pos + len && m.pos < p) reach += m.len + 1;
          if (p - (pos + len - 1) <= reach) return true;
        }
      }
      return false;
    },
    negatedBefore(pos, reach) {
      return within(negation, pos - reach, pos - 1, (p) => clause[p] === clause[pos]);
    },
    triggered(pos, reach) {
      if (within(intent, pos - reach, pos - 1, (p) => sentence[p] === sentence[pos])) return true;
      // "ik schiet ze neer", "als ze komen, sla ik ze": the speaker doing harm is a threat.
      if (within(speaker, pos - 5, pos + 2, (p) => clause[p] === clause[pos])) return true;
      if (within(modal, pos - reach, pos + reach, (p) => clause[p] === clause[pos])) return true;
      return clauseStart(pos);
    },
    modalNear(pos, reach) {
      return within(modal, pos - reach, pos + reach, (p) => clause[p] === clause[pos]);
    },
    complementAfter(pos) {
      return complementizer.has(pos) || (complementizer.has(pos + 1) && tokens[pos] === 'het');
    },
    lessNear(pos) {
      return within(less, pos - 2, pos + 2, (p) => clause[p] === clause[pos]);
    },
    boundaryBetween(a, b) {
      const [from, to] = a < b ? [a, b] : [b, a];
      return [...boundary].some((p) => p > from && p <= to);
    },
    clauseEnd(pos) {
      return pos === n - 1 || clause[pos + 1] !== clause[pos];
    },
    negationBetween(from, to) {
      return negation.some((p) => p > from && p < to && clause[p] === clause[to]);
    },
    secondPerson(pos) {
      return [...addressee].some((p) => clause[p] === clause[pos]);
    },
    saidOf(aPos, aLen, mPos, mLen, loose) {
      if (clause[aPos] !== clause[mPos]) return false;
      const aEnd = aPos + aLen - 1;
      const mEnd = mPos + mLen - 1;
      // Right before it: "vuile migranten", "die smerige moslims", "fucking women".
      if (aEnd < mPos && mPos - aEnd <= (loose ? 2 : 1)) return true;
      const from = Math.min(aPos, mPos);
      const to = Math.max(aEnd, mEnd);
      // Linked by a copula between them, or before both in a question: "zijn moslims dom?".
      if (within(copula, from, to, (p) => clause[p] === clause[aPos])) return true;
      if (within(copula, from - QUESTION_ORDER, from - 1, (p) => clause[p] === clause[aPos])) return true;
      return loose && aPos > mEnd && aPos - mEnd <= LOOSE_REACH;
    },
    individual(aPos, mPos, mLen) {
      if (!(aPos < mPos && mPos - aPos <= 2 && article.has(aPos - 1))) return false;
      const last = tokens[mPos + mLen - 1] as string;
      return !PLURAL.test(last);
    },
    selfIdentified(pos) {
      const self = spans.some(
        (m) => m.tag.cat === 'context' && m.tag.kind === 'self' && m.pos < pos && pos - m.pos <= 4,
      );
      // "wij flikkers", "ik ben een travo", "I'm a proud dyke"
      const speaking = [...speaker].some(
        (p) => p < pos && pos - p <= 4 && (pos - p === 1 || within(copula, p + 1, pos - 1, () => true)),
      );
      return self || (speaking && !negation.some((p) => p < pos && pos - p <= 4));
    },
    deniedSpeech(pos) {
      for (const p of report) {
        if (p >= pos || sentence[p] !== sentence[pos]) continue;
        if (negation.some((q) => q < p && p - q <= 3 && sentence[q] === sentence[p])) return true;
      }
      return false;
    },
    reportedInSentence(pos) {
      if (this.reportedAt(pos)) return true;
      for (const p of report) {
        if (sentence[p] !== sentence[pos]) continue;
        if (within(speaker, p - 2, p - 1, () => true)) continue;
        return true;
      }
      return false;
    },
    reportedAt(pos) {
      for (const p of report) {
        // "zeggen dat X …" before, or "wie X ratten noemt" after: the words are someone's.
        if (clause[p] !== clause[pos]) continue;
        // "ik zeg", "I say": the speaker's own words.
        if (within(speaker, p - 2, p - 1, () => true)) continue;
        return true;
      }
      // "volgens het rapport …" reports; "volgens mij …" is the speaker's own view.
      for (const p of source) if (clause[p] === clause[pos] && p < pos && !speaker.has(p + 1)) return true;
      // Quoted, with words of the poster's own around the quote: a mention, not a use.
      return quoted[pos] === true && quoted.filter((q) => !q).length >= 3;
    },
  };
}
