import { type AnalysedLang, polarityLexicon } from '../lexicon';
import type { Aim, AttackKind, Group } from './lexicon-data';
import type { Match } from './lexicon-index';
import type { Structure } from './structure';

/**
 * Who a post speaks of and what it says of them: group mentions (named, slurred, or a
 * pronoun pointing back), attacks (lexicon entries and strongly negative words), and which
 * mention an attack is said of.
 */
/** `ahead`: a pronoun resolved to a group named after it in a later sentence (a weak link). */
export type Mention = { pos: number; len: number; aim: Aim; slur: boolean; viaPronoun: boolean; ahead?: boolean };
export type Attack = { pos: number; len: number; kind: AttackKind | 'polarity'; term?: string };

/** A participle says what was done to someone ("was harassed"), not what they are. */
export const PARTICIPLE: Record<AnalysedLang, RegExp> = {
  nl: /^ge\p{L}+[dt]$/u,
  fr: /\p{L}+ée?s?$/u,
  en: /\p{L}+ed$/u,
};

/** How far (in words, same clause) an attack reaches its target. */
const REACH: Record<AttackKind, number> = {
  emotion: 7,
  attribute: 6,
  dehumanising: 6,
  profanity: 6,
  exclusion: 8,
  violence: 8,
  death: 7,
  implicit: 7,
  insinuation: 16,
  positive: 8,
  tolerate: 7,
  expel: 2,
  perish: 8,
  // Pity for someone near the group ("Twee papa's? Arm kind."): only drawn from a question
  // naming the group just before (afterthought), never in the group's own clause.
  pity: 0,
};
const POLARITY_REACH = 5;
const PRONOUN_EXTRA = 2;
/** Words between a good word and the group it qualifies ("a decent gay man": 0). */
const ATTRIBUTIVE_GAP = 1;
/** How far before "a decent X" a negation denies it ("never met a", "n'ai jamais vu un"). */
const NEVER_MET_REACH = 5;
/** How far ahead a pronoun with no group before it may find one. */
const CATAPHORA_REACH = 8;

/** A harm named in the clause of a group ("hate against migrants", "Moslims werden aangevallen"). */
export function victimOfGroup(s: Structure, victims: readonly Match[], mentions: readonly Mention[]): boolean {
  return victims.some((v) => mentions.some((m) => isGroup(m.aim) && s.clause[m.pos] === s.clause[v.pos]));
}

export const isGroup = (a: Aim): a is Group => a !== 'officials' && a !== 'coded_jews';

export function isKind(m: Match, kind: string): boolean {
  return m.tag.cat === 'context' && m.tag.kind === kind;
}

/** Groups named (or slurred), and pronouns that point back at the last group named before them. */
export function findMentions(s: Structure, spans: readonly Match[]): Mention[] {
  const out: Mention[] = [];
  for (const m of spans) {
    // "criminele asielzoekers", "illegal immigrants", "asielzoekers die geen recht hebben op
    // bescherming": some members picked out, not the group.
    if (m.tag.cat === 'group' && s.restricted(m.pos, m.len)) continue;
    if (m.tag.cat === 'group' || m.tag.cat === 'slur') {
      out.push({ pos: m.pos, len: m.len, aim: m.tag.group, slur: m.tag.cat === 'slur', viaPronoun: false });
    }
  }
  const named = out.filter((m) => isGroup(m.aim));
  const addressees = s.addressees();
  for (const p of s.pronouns) {
    const before = named.filter((m) => m.pos + m.len <= p.pos);
    // "Si tu penses que les X sont …, c'est toi le problème": "you" spoken to before the
    // group is someone else than the group ("You X …", "you are X" are the group).
    const last = before[before.length - 1];
    const someoneElse = (q: number) => last && q < last.pos - 1 && q !== p.pos && !s.addressedAs(last.pos);
    if (last && addressees.includes(p.pos) && addressees.some(someoneElse)) continue;
    // With no group before it, a pronoun may point ahead within its sentence: "Walgelijk
    // vind ik ze, homoseksuelen", "Mij maken ze misselijk, al die transmensen".
    // Or to a group the next sentence says they are: "Natuurlijk zijn ze dom. Het zijn
    // vluchtelingen.", "Leur vie ne vaut rien. Ce ne sont que des noirs."
    const next = () =>
      named.find(
        (m) =>
          s.sentence[m.pos] === (s.sentence[p.pos] as number) + 1 &&
          s.identifiedAs(m.pos) &&
          !s.negatedBefore(m.pos, 4),
      );
    const target =
      before[before.length - 1] ??
      (s.personal(p.pos) ? named : []).find(
        (m) => m.pos > p.pos && m.pos - p.pos <= CATAPHORA_REACH && s.sentence[m.pos] === s.sentence[p.pos],
      ) ??
      next();
    const ahead = target !== undefined && s.sentence[target.pos] !== s.sentence[p.pos];
    if (target) out.push({ pos: p.pos, len: p.len, aim: target.aim, slur: false, viaPronoun: true, ahead });
  }
  // "Als je homo bent, ben je dom", "Si tu es trans, tu es malade": the addressee said to be
  // of a group is that group wherever the post speaks to them.
  const addressed = named.find((m) => s.addressedAs(m.pos));
  if (addressed)
    for (const p of s.addressees())
      if (p > addressed.pos && !out.some((m) => m.pos === p))
        out.push({ pos: p, len: 1, aim: addressed.aim, slur: false, viaPronoun: true });
  return out.sort((a, b) => a.pos - b.pos);
}

/** Attacks from the lexicon, and strongly negative words of the polarity lexicons. */
export function findAttacks(
  lang: AnalysedLang,
  tokens: readonly string[],
  spans: readonly Match[],
  flags: readonly Match[],
): Attack[] {
  const out: Attack[] = [];
  const covered = new Set<number>();
  for (const f of flags) if (f.tag.cat === 'context' && f.tag.kind === 'descriptive') covered.add(f.pos);
  for (const m of spans) {
    for (let i = m.pos; i < m.pos + m.len; i++) covered.add(i);
    if (m.tag.cat === 'attack') out.push({ pos: m.pos, len: m.len, kind: m.tag.kind, term: m.term });
  }
  const lex = polarityLexicon(lang);
  for (let i = 0; i < tokens.length; i++) {
    if (covered.has(i)) continue;
    const t = tokens[i] as string;
    const p = lex.get(t);
    // A participle says what was done to someone ("was harassed"), not what they are.
    if (p !== undefined && p <= -0.5 && !PARTICIPLE[lang].test(t)) out.push({ pos: i, len: 1, kind: 'polarity' });
  }
  return out;
}

/**
 * The group an attack is said of: in its clause and within its reach; attributes and
 * comparisons need the grammar of saying something *of* the group (right before it —
 * "vuile migranten" —, or linked by a copula: "X zijn / are / sont …", "ik vind X …").
 * A group named in the clause wins over a pronoun pointing back.
 */
export function targetOf(s: Structure, a: Attack, mentions: readonly Mention[]): Mention | undefined {
  let best: Mention | undefined;
  let bestDist = Number.POSITIVE_INFINITY;
  const reach = a.kind === 'polarity' ? POLARITY_REACH : REACH[a.kind];
  const predicative =
    a.kind === 'attribute' ||
    a.kind === 'dehumanising' ||
    a.kind === 'profanity' ||
    a.kind === 'polarity' ||
    a.kind === 'positive';
  // An insinuation ("X in the police? Might as well …", "… so I checked my wallet") draws
  // its consequence in another clause or sentence than the one naming the group.
  const anyClause = a.kind === 'insinuation';
  for (const m of mentions) {
    if (!anyClause && s.clause[m.pos] !== s.clause[a.pos]) continue;
    if (anyClause && !isGroup(m.aim)) continue;
    const dist =
      (a.pos >= m.pos + m.len ? a.pos - (m.pos + m.len - 1) : m.pos - (a.pos + a.len - 1)) -
      s.idiomWordsBetween(Math.min(a.pos, m.pos), Math.max(a.pos, m.pos));
    // A pronoun starts its own sentence ("Ils n'apprendront jamais à vivre comme des gens civilisés"): a little further.
    if (dist > reach + (m.viaPronoun && a.kind === 'positive' ? PRONOUN_EXTRA : 0)) continue;
    // "X buiten!", "X dehors", "X out": a slogan, the word right after the group ending the clause.
    if (a.kind === 'expel' && !(a.pos > m.pos && s.clauseEnd(a.pos + a.len - 1))) continue;
    // "X hebben nooit iets goeds gedaan": a good thing denied to whom the clause is about.
    // "Ik heb nog nooit een eerlijke X gezien", "there has never been a good X": a good word
    // right before the group, denied before it, denies it of the whole group.
    const denied =
      a.kind === 'positive' &&
      (a.pos > m.pos
        ? s.negationBetween(m.pos + m.len - 1, a.pos) || s.negatedBefore(m.pos, 2)
        : m.pos - (a.pos + a.len) <= ATTRIBUTIVE_GAP && s.negatedBefore(a.pos, NEVER_MET_REACH));
    // "Les quotas de femmes ne sont pas la bonne solution": the quotas, not the women.
    if (denied && a.pos > m.pos && s.governed(m.pos)) continue;
    if (predicative && !denied && !s.saidOf(a.pos, a.len, m.pos, m.len, a.kind !== 'polarity')) continue;
    // "een zieke transgender" is one person; "Wie wil er nu een zieke transgender …?" asks of any.
    if (predicative && !denied && !m.viaPronoun && s.individual(a.pos, m.pos, m.len) && !s.askedBy(a.pos)) continue;
    const d = dist + (m.viaPronoun ? 0.5 : 0);
    if (d < bestDist) {
      bestDist = d;
      best = m;
    }
  }
  if (best) return best;
  // "Dat vluchtelingenvolk, ik walg ervan": the group named alone before, then what is said of it.
  const topic = s.topicBefore(a.pos);
  const named = topic === undefined ? undefined : mentions.find((m) => m.pos === topic && isGroup(m.aim) && !m.slur);
  if (named && a.kind !== 'positive' && a.kind !== 'tolerate' && a.kind !== 'polarity') return named;
  // "Ik haat mensen, vooral als het moslims zijn", "Leur vie ne vaut rien parce que ce sont
  // des X": a group the sentence goes on to say they are.
  const later = a.kind === 'positive' || a.kind === 'tolerate' ? undefined : s.identifiedLater(a.pos);
  const identified = later === undefined ? undefined : mentions.find((m) => m.pos === later && isGroup(m.aim));
  if (identified) return { ...identified, viaPronoun: true };
  return a.kind === 'attribute' || a.kind === 'dehumanising' || a.kind === 'implicit' || a.kind === 'pity'
    ? afterthought(s, a, mentions)
    : undefined;
}

/** How many words into its sentence a verbless insult may start ("Encore des rapaces."). */
const AFTERTHOUGHT_START = 3;

/**
 * "Les juifs ont racheté l'immeuble. Encore des rapaces." / "Weer een moslim op tv. Allemaal
 * profiteurs.": an insult opening a sentence that names no group is said of the group named
 * just before, as a pronoun would be; so is a derogation drawn from it ("Un noir
 * bourgmestre ? On retourne dans la savane.").
 */
function afterthought(s: Structure, a: Attack, mentions: readonly Mention[]): Mention | undefined {
  const sentence = s.sentence[a.pos];
  const start = a.pos - AFTERTHOUGHT_START < 0 || s.sentence[a.pos - AFTERTHOUGHT_START] !== sentence;
  if (!start || mentions.some((m) => !m.viaPronoun && s.sentence[m.pos] === sentence)) return undefined;
  let last: Mention | undefined;
  for (const m of mentions) if (isGroup(m.aim) && m.pos < a.pos && !m.viaPronoun) last = m;
  if (last && a.kind === 'pity' && !s.asks(s.sentence[last.pos] as number)) return undefined;
  return last ? { ...last, viaPronoun: true } : undefined;
}
