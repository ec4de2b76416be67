import type { Match } from './lexicon-index';
import { type Attack, type Mention, isGroup } from './targets';

/** How far after the group its existence may be denied. */
const EXISTENCE_REACH = 10;

/**
 * A member with a good trait said not to exist is a stereotype of the whole group: "Een X
 * die werkt, dat bestaat niet", "Un X qui fait un cadeau, ça n'existe pas", "an honest X
 * doesn't exist". The group is singled out by a relative clause right after it or a good
 * word right before it, and denied existence later in its sentence (context.tsv
 * `nonexistent`). "De joodse wijk bestaat niet meer" names no member with a trait.
 */
export function deniedExistence(
  sentence: readonly number[],
  flags: readonly Match[],
  mentions: readonly Mention[],
  attacks: readonly Attack[],
): Attack[] {
  const at = (kind: string) => flags.filter((f) => f.tag.cat === 'context' && f.tag.kind === kind);
  const denials = at('nonexistent');
  if (denials.length === 0) return [];
  const relatives = new Set(at('relative').map((f) => f.pos));
  const goodEnds = new Set(attacks.filter((a) => a.kind === 'positive').map((a) => a.pos + a.len));
  const out: Attack[] = [];
  for (const d of denials) {
    const member = mentions.find(
      (g) =>
        isGroup(g.aim) &&
        !g.viaPronoun &&
        g.pos < d.pos &&
        d.pos - g.pos <= EXISTENCE_REACH &&
        sentence[g.pos] === sentence[d.pos] &&
        (relatives.has(g.pos + g.len) || goodEnds.has(g.pos)),
    );
    if (member) out.push({ pos: d.pos, len: d.len, kind: 'insinuation', term: 'nonexistent' });
  }
  return out;
}
