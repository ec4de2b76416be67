import type { Match } from './lexicon-index';
import { type Attack, type Mention, isGroup } from './targets';

/** Attacks a comparison with a group says of it ("smeriger dan een X"). */
const COMPARED: ReadonlySet<Attack['kind']> = new Set<Attack['kind']>(['attribute', 'dehumanising', 'polarity']);
/** Farthest "than" after "rather", "less" after "nothing", and a group after "than". */
const RATHER_REACH = 12;
const LESS_REACH = 8;
const THAN_REACH = 6;

/**
 * Implicit derogation by preference: anything rather than the group ("liever doodgaan dan
 * met een X", "plutôt crever que de vivre à côté d'un X", "I'd sooner sleep on the street
 * than share a flat with an X"), or nothing liked less than it ("niets waar ik minder van
 * hou dan een X"). The group must come after the comparison and not before it: "liever een
 * X als buur dan een racist" prefers the group. Read from the context flags `rather`,
 * `nothing`, `less` and `than` (context.tsv); an attack at the comparison word, said of
 * the group it compares with.
 */
export function preferences(
  tokens: readonly string[],
  sentence: readonly number[],
  flags: readonly Match[],
  mentions: readonly Mention[],
  attacks: readonly Attack[],
): Attack[] {
  const at = (kind: string) => flags.filter((f) => f.tag.cat === 'context' && f.tag.kind === kind).map((f) => f.pos);
  const than = at('than');
  if (than.length === 0) return [];
  const groups = mentions.filter((m) => isGroup(m.aim) && !m.viaPronoun);
  const out: Attack[] = [];
  const compare = (from: number, reach: number) => {
    const t = than.find((p) => p > from && p - from <= reach && sentence[p] === sentence[from]);
    if (t === undefined) return;
    // The preferred side names no group; the dispreferred one does, soon after "than".
    if (groups.some((g) => g.pos > from && g.pos < t)) return;
    if (!groups.some((g) => g.pos > t && g.pos - t <= THAN_REACH && sentence[g.pos] === sentence[t])) return;
    out.push({ pos: t, len: 1, kind: 'implicit', term: `${tokens[from]} … ${tokens[t]}` });
  };
  for (const r of at('rather')) compare(r, RATHER_REACH);
  // "iets walgelijkers dan een X", "plus dégoûtant qu'un X", "filthier than a X": the group
  // is what the bad word is said of, by comparison.
  // Graded: "plus / more / meer" before it, or a Dutch comparative form ("walgelijkers").
  const more = at('more');
  const graded = (a: Attack) =>
    more.some((p) => p < a.pos && a.pos - p <= 2) ||
    (a.len === 1 && tokens[a.pos] !== a.term && /(er|ers|st|ste)$/u.test(tokens[a.pos] as string));
  for (const a of attacks)
    if (COMPARED.has(a.kind) && graded(a)) {
      const end = a.pos + a.len - 1;
      if (than.some((p) => p > end && p - end <= 2)) compare(end, 2);
    }
  const less = at('less');
  for (const n of at('nothing')) {
    const l = less.find((p) => p > n && p - n <= LESS_REACH);
    if (l !== undefined) compare(l, THAN_REACH);
  }
  return out;
}
