import { type AnalysedLang, polarityLexicon } from '../lexicon';
import type { AttackKind } from './lexicon-data';
import type { Match } from './lexicon-index';
import type { Structure } from './structure';
import { type Attack, type Mention, isGroup, isKind } from './targets';
import type { TropeHit } from './tropes';

/**
 * Small judgements the composition makes about words of a post: a capitalised slur is a
 * name, a strongly negative word condemns, quoted hate is condemned by the poster, a trope
 * derogates, and whether a post can matter at all.
 */

/** How strongly each kind of attack says hate. */
export const WEIGHT: Record<AttackKind | 'slur' | 'polarity', number> = {
  slur: 0.85,
  death: 0.9,
  violence: 0.9,
  dehumanising: 0.85,
  emotion: 0.8,
  attribute: 0.8,
  profanity: 0.75,
  exclusion: 0.8,
  implicit: 0.7,
  insinuation: 0.7,
  positive: 0.75,
  tolerate: 0.8,
  expel: 0.75,
  perish: 0.85,
  pity: 0.7,
  polarity: 0.65,
};

/** The hate score of a trope said of a group, as the trope's own score. */
export const TROPE_HATE = 0.7;

/** Whether `word` is written capitalised somewhere other than at the start of a sentence. */
export function properNoun(text: string, word: string): boolean {
  if (word.length < 3) return false;
  const lower = text.toLowerCase();
  for (let i = lower.indexOf(word); i >= 0; i = lower.indexOf(word, i + 1)) {
    const first = text[i] as string;
    const second = text[i + 1] ?? '';
    // Capitalised, not shouted: "Mongolen", not "MONGOLEN".
    if (first === first.toLowerCase() || second !== second.toLowerCase()) continue;
    const before = text.slice(0, i).trimEnd();
    if (before.length > 0 && !/[.!?:"“«]$/.test(before) && /\p{L}/u.test(text[i - 1] ?? ' ') === false) return true;
  }
  return false;
}

/**
 * Quoted hate the poster condemns: support for someone, or a strongly negative word of the
 * poster's own (outside the quote and the attack).
 */
export function condemnsQuote(
  lang: AnalysedLang,
  s: Structure,
  tokens: readonly string[],
  spans: readonly Match[],
  attack: Attack,
): boolean {
  if (!s.quotedAt(attack.pos)) return false;
  if (spans.some((m) => isKind(m, 'support') && !s.quotedAt(m.pos))) return true;
  const lex = polarityLexicon(lang);
  for (let i = 0; i < tokens.length; i++) {
    if (s.quotedAt(i) || (i >= attack.pos && i < attack.pos + attack.len)) continue;
    if ((lex.get(tokens[i] as string) ?? 0) <= -0.5) return true;
  }
  return false;
}

/** A word of the span is strongly negative in itself ("walgelijk", "une honte"), not a noun of harm ("racisme"). */
export function scathing(lang: AnalysedLang, tokens: readonly string[], m: Match): boolean {
  const lex = polarityLexicon(lang);
  for (let i = m.pos; i < m.pos + m.len; i++) if ((lex.get(tokens[i] as string) ?? 0) <= -0.5) return true;
  return false;
}

/**
 * Antisemitic tropes are derogation of Jews (IHRA); a one-word claim of control ("tiennent",
 * "runnen") is too common a verb to say so alone.
 */
export const derogates = (t: TropeHit) =>
  t.theme === 'antisemitism' &&
  t.score >= TROPE_HATE &&
  (t.terms.some((x) => x.includes(' ')) || !t.trope.split('+').every((x) => x === 'control' || x === 'coded'));

export const positionsOf = (flags: readonly Match[], kind: string) =>
  flags.filter((f) => isKind(f, kind)).map((f) => f.pos);

/** What can make a post more than "none": a group, a slur, a trope or a part of one, or a verb of harm. */
export function mayMatter(m: Match): boolean {
  const t = m.tag;
  return (
    t.cat === 'group' ||
    t.cat === 'slur' ||
    t.cat === 'trope' ||
    t.cat === 'claim' ||
    (t.cat === 'attack' && (t.kind === 'violence' || t.kind === 'death'))
  );
}

const RECLAIM_REACH = 3;
/** How near a word of gathering or cheering ('march', 'soirée', 'army') reclaims a slur in a post with nothing hostile. */
const FESTIVE_REACH = 4;
/** How near a possessive of the speaker makes a slur in-group talk ('mes travelos', 'connasses de mon groupe'). */
const OWN_REACH = 2;

/**
 * Where a post speaks as a slur's own people do: pride or support right beside the word
 * ("trotse flikker hier"); in a post with nothing hostile, a gathering ("dyke march starts
 * at noon") or the speaker calling them their own ("les travelos de ma troupe").
 */
export type OwnWords = { proud: number[]; gathering: number[]; own: number[] };

export function ownWordsOf(spans: readonly Match[], attacks: readonly Attack[], flags: readonly Match[]): OwnWords {
  const proud = spans.filter((m) => isKind(m, 'support') || isKind(m, 'self')).map((m) => m.pos);
  for (const a of attacks) if (a.kind === 'positive') proud.push(a.pos);
  // A merely negative word ("de cava staat *koud*") is no hostility; a lexicon attack is.
  const hostile = attacks.some((a) => a.kind !== 'positive' && a.kind !== 'tolerate' && a.kind !== 'polarity');
  const at = (kind: string) => (hostile ? [] : flags.filter((f) => isKind(f, kind)).map((f) => f.pos));
  return { proud, gathering: at('celebrate'), own: at('possessive') };
}

export function reclaimedAt(w: OwnWords, pos: number): boolean {
  const within = (list: readonly number[], reach: number) => list.some((p) => Math.abs(p - pos) <= reach);
  return within(w.proud, RECLAIM_REACH) || within(w.gathering, FESTIVE_REACH) || within(w.own, OWN_REACH);
}

/**
 * Someone other than the speaker right before a verb of feeling: a third person ("hij",
 * "elle", "she") or a name (capitalised, not a word of the language, not a group).
 */
export function someoneElse(
  text: string,
  tokens: readonly string[],
  pos: number,
  s: Pick<Structure, 'thirdPerson' | 'clause' | 'speakerAfter'>,
): boolean {
  const before = pos - 1;
  if (before < 0 || s.clause[before] !== s.clause[pos]) return false;
  // "he disgusts me": the one before the verb is what is felt about, the speaker feels it.
  if (s.speakerAfter(pos)) return false;
  if (s.thirdPerson(before)) return true;
  // A name: capitalised mid-sentence ("Geert Wilders haat …").
  return properNoun(text, tokens[before] as string);
}

/** How far before a condemning word a complaint or a relative pronoun claims it. */
const CLAIMED_REACH = 3;

/**
 * Condemning words that are not the poster's condemnation: what a group is said to complain
 * about ("X klagen altijd over racisme", "they keep whining about racism"), and what a
 * relative clause says of a group or of an insult just said of it ("gays are perverts *who
 * should be ashamed*", "des parasites *qui devraient avoir honte*").
 */
export function saidOfOthers(
  s: Pick<Structure, 'clause'>,
  flags: readonly Match[],
  spans: readonly Match[],
  mentions: readonly { pos: number; len: number }[],
): (m: Match) => boolean {
  const complaints = positionsOf(flags, 'complain');
  const insultEnds = new Set<number>();
  for (const m of spans) if (m.tag.cat === 'attack' && m.tag.kind !== 'positive') insultEnds.add(m.pos + m.len - 1);
  for (const g of mentions) insultEnds.add(g.pos + g.len - 1);
  const relatives = positionsOf(flags, 'relative').filter((r) => insultEnds.has(r - 1));
  const near = (list: readonly number[], m: Match) =>
    list.some((p) => m.pos > p && m.pos - p <= CLAIMED_REACH && s.clause[p] === s.clause[m.pos]);
  return (m) => near(complaints, m) || near(relatives, m);
}

/**
 * A condemning word said of the group itself ("die X zijn walgelijk") attacks the group;
 * not one it is compared with ("liever een X als buur dan een racist").
 */
export function predicatedCounters(
  lang: AnalysedLang,
  s: Pick<Structure, 'subjectOf'>,
  tokens: readonly string[],
  spans: readonly Match[],
  flags: readonly Match[],
  mentions: readonly Mention[],
): Match[] {
  const than = positionsOf(flags, 'than');
  return spans.filter(
    (m) =>
      isKind(m, 'counter') &&
      scathing(lang, tokens, m) &&
      mentions.some(
        (g) =>
          isGroup(g.aim) &&
          !g.viaPronoun &&
          s.subjectOf(g.pos, g.len, m.pos) &&
          !than.some((p) => p > g.pos && p < m.pos),
      ),
  );
}
