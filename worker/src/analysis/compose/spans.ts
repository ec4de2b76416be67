import { CONTEXT_KINDS, type ContextKind } from './lexicon-data';
import type { Match, Tag } from './lexicon-index';

/**
 * Context words that claim a span of the post (condemnation, a group as victim, speaking as
 * a member, support, intensifiers, idioms): they compete with groups and attacks for words.
 */
const SPAN_KINDS: ReadonlySet<ContextKind> = new Set<ContextKind>([
  'counter',
  'victim',
  'self',
  'support',
  'intensifier',
  'idiom',
]);

/**
 * Every other context word marks a token (negation, modal, pronoun…) rather than claim a
 * span: it never competes with groups, attacks or counter-speech for the same words.
 */
const FLAG_KINDS: ReadonlySet<ContextKind> = new Set(CONTEXT_KINDS.filter((k) => !SPAN_KINDS.has(k)));

const isFlag = (t: Tag) => t.cat === 'context' && FLAG_KINDS.has(t.kind);

/**
 * The spans a post is made of: longest entries first, then the closest in spelling ("hates"
 * is nearer to "hate" than to "hateful", which shares its stem), and no two sharing a word.
 * Flags (negation, copula…), tropes and the parts of framed claims are kept apart: they
 * mark, they do not claim.
 */
export function resolve(matches: readonly Match[]): { spans: Match[]; flags: Match[]; tropes: Match[] } {
  const flags = matches.filter((m) => isFlag(m.tag));
  const tropes = matches.filter((m) => m.tag.cat === 'trope' || m.tag.cat === 'claim');
  const content = matches
    .filter((m) => !isFlag(m.tag) && m.tag.cat !== 'trope' && m.tag.cat !== 'claim')
    .sort((a, b) => b.len - a.len || a.cost - b.cost || priority(a.tag) - priority(b.tag) || a.pos - b.pos);
  const taken = new Set<number>();
  const spans: Match[] = [];
  for (const m of content) {
    let free = true;
    for (let i = m.pos; i < m.pos + m.len && free; i++) free = !taken.has(i);
    if (!free) continue;
    for (let i = m.pos; i < m.pos + m.len; i++) taken.add(i);
    spans.push(m);
  }
  spans.sort((a, b) => a.pos - b.pos);
  return { spans, flags, tropes };
}

/** On a tie, condemning and victim phrases win over the hostile words they contain. */
function priority(t: Tag): number {
  if (t.cat === 'context') return t.kind === 'counter' ? 0 : t.kind === 'victim' ? 1 : 5;
  if (t.cat === 'slur') return 2;
  if (t.cat === 'group') return 3;
  return 4;
}
