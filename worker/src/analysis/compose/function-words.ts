import type { ContextKind } from './lexicon-data';
import type { Match } from './lexicon-index';

/** Positions of each kind of function word, read once from the flags. */
export type Positions = Partial<Record<ContextKind, number[]>>;

/** How far after "nothing" a comparison turns it into a superlative. */
const COMPARISON_REACH = 8;
/** How near a condition ("als", "if") a negation stands, and a past copula after it. */
const UNREAL_REACH = 4;
/** How far before a speech verb "what" may open the clause whose speaker is a group. */
const WHAT_REACH = 4;
/** The first half of a French negation, which negates only with its second half. */
const NE: ReadonlySet<string> = new Set(['ne', 'n']);

export type FunctionWords = {
  at: Positions;
  pronouns: { pos: number; len: number }[];
  negation: number[];
  report: number[];
  boundary: number[];
};

/**
 * Where a post's function words are, from the context flags: negations that really deny,
 * speech verbs that really report, clause boundaries, and pronouns that are not determiners.
 */
export function readFunctionWords(
  tokens: readonly string[],
  marks: readonly number[],
  flags: readonly Match[],
  inSpan: readonly boolean[],
  mentionAt: readonly boolean[],
  claims: readonly Match[],
  hidesPronoun: readonly boolean[],
): FunctionWords {
  // A speech verb inside a claim's own words ("doe je eigen onderzoek") reports nothing.
  const claimed = new Array<boolean>(tokens.length).fill(false);
  for (const m of claims) for (let i = m.pos; i < m.pos + m.len; i++) claimed[i] = true;
  const at: Positions = {};
  const pronouns: { pos: number; len: number }[] = [];
  for (const f of flags) {
    if (f.tag.cat !== 'context') continue;
    const list = at[f.tag.kind];
    if (list) list.push(f.pos);
    else at[f.tag.kind] = [f.pos];
    // "die moslims", "those women": a determiner before a group, not a pronoun; "ze, homo's"
    // (punctuation between) is a pronoun and the group it points to.
    const determiner = mentionAt[f.pos + f.len] && marks[f.pos + f.len - 1] === marks[f.pos + f.len];
    if (f.tag.kind === 'pronoun' && !determiner && !hidesPronoun[f.pos]) pronouns.push({ pos: f.pos, len: f.len });
  }
  const of = (kind: ContextKind) => at[kind] ?? [];
  // French "ne … que" restricts ("ils ne pensent qu'au sexe"): only "ne" with pas/jamais/rien… negates.
  const negationAll = of('negation').filter((p) => !inSpan[p]);
  // "Nothing fills me with rage like …", "niets haat ik meer dan …": a comparison, not a denial.
  const comparative = of('comparative');
  const nothing = of('nothing');
  // "als ze niet zulke klootzakken *waren*", "if they *weren't* such scumbags": a condition
  // contrary to fact says they are.
  const conditional = of('conditional');
  const unreal = of('unreal');
  const counterfactual = (p: number) =>
    conditional.some((c) => c < p && p - c <= UNREAL_REACH && marks[c] === marks[p]) &&
    unreal.some((u) => u >= p - 1 && u - p <= UNREAL_REACH * 2 && marks[u] === marks[p]);
  const negation = negationAll.filter(
    (p) =>
      !(NE.has(tokens[p] as string) && !negationAll.some((q) => q > p && q - p <= 4)) &&
      !(nothing.includes(p) && comparative.some((q) => q > p && q - p <= COMPARISON_REACH)) &&
      !counterfactual(p),
  );
  // "said by a woman": the group is the speaker, not what is said.
  const agent = of('agent');
  // "wat een jood zegt", "ce que dit un juif", "what a Muslim says": the group is the speaker
  // of what the post talks about, not someone the post quotes.
  const what = of('what');
  const groupSpeaks = (p: number) =>
    what.some((w) => w < p && p - w <= WHAT_REACH) &&
    (mentionAt[p - 1] || mentionAt[p + 1] || mentionAt[p + 2] || (p >= 2 && mentionAt[p - 2]));
  // Inside an idiom ("more than words can say") a speech verb reports nothing.
  const report = of('report').filter((p) => !agent.includes(p + 1) && !inSpan[p] && !claimed[p] && !groupSpeaks(p));
  // "Het zijn *maar* zwarten": right after a copula "maar" means "only", it starts no clause.
  const copulas = new Set(of('copula'));
  const boundary = of('boundary').filter((p) => !inSpan[p] && !copulas.has(p - 1));
  return { at, pronouns, negation, report, boundary };
}
