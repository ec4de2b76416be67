import type { ThemeId } from '@trendwacht/shared';
import type { AnalysedLang } from '../lexicon';
import type { FrameEntry } from './lexicon-data';
import type { Match } from './lexicon-index';
import type { Structure } from './structure';
import { type Mention, isGroup } from './targets';

/**
 * Claims made of parts rather than fixed phrases (frames.tsv): a benefit myth is a group,
 * something given for free and a figure or a comparison with "our own" people said together;
 * a call to stop talking is a word of shunning and a political camp. Each part is a claim
 * kind (claims.tsv) or built in (`group` named, a `people`, a `number`); all parts must be
 * in one sentence or the next, none of them denied unless the frame asks for it (`!talk`).
 */
export type FrameMatch = {
  theme: ThemeId;
  trope: string;
  pos: number;
  len: number;
  terms: string[];
  /** A part appeals to an authority ("check it", "official figures"): the claim is the poster's own. */
  vouched: boolean;
};

/** The claim kind that vouches for a claim rather than report it. */
const VOUCH = 'certainty';

/** How many sentences a frame may spread over ("…, zoek het maar op." after the claim). */
const SENTENCE_SPREAD = 1;
const NUMBER = /^\d/u;

type Part = { pos: number; len: number; term: string; kind: string };

export function frameMatches(
  lang: AnalysedLang,
  s: Structure,
  tokens: readonly string[],
  claims: readonly Match[],
  mentions: readonly Mention[],
  people: readonly number[],
  frames: readonly FrameEntry[],
): FrameMatch[] {
  if (frames.length === 0 || claims.length === 0) return [];
  const byKind = new Map<string, Part[]>();
  const add = (kind: string, p: Part) => {
    const list = byKind.get(kind);
    if (list) list.push(p);
    else byKind.set(kind, [p]);
  };
  for (const c of claims) {
    if (c.tag.cat !== 'claim') continue;
    // Dutch puts the negation after the verb ("krijgen ze niet"); a part denied is the
    // denied kind ("!talk"), never the kind itself.
    const denied = s.negates(c.pos, c.len, 3, lang === 'nl' ? 2 : 0);
    const kind = denied ? `!${c.tag.kind}` : c.tag.kind;
    add(kind, { pos: c.pos, len: c.len, term: denied ? `not ${c.term}` : c.term, kind });
  }
  if (byKind.size === 0) return [];
  for (const m of mentions) {
    if (!isGroup(m.aim) || m.viaPronoun) continue;
    const p = { pos: m.pos, len: m.len, term: `group:${m.aim}`, kind: 'group' };
    add('group', p);
    add('people', p);
  }
  for (const pos of people) add('people', { pos, len: 1, term: 'people', kind: 'people' });
  for (let i = 0; i < tokens.length; i++) {
    if (NUMBER.test(tokens[i] as string)) add('number', { pos: i, len: 1, term: 'number', kind: 'number' });
  }
  const out: FrameMatch[] = [];
  for (const f of frames) {
    const found = matchFrame(s, f, byKind);
    if (found) out.push(found);
  }
  return out;
}

/** The frame's parts found together, or undefined. Tries each sentence a first part is in. */
function matchFrame(s: Structure, f: FrameEntry, byKind: ReadonlyMap<string, Part[]>): FrameMatch | undefined {
  const first = candidates(f.parts[0] as string[], byKind);
  for (const anchor of first) {
    const at = s.sentence[anchor.pos] as number;
    const chosen: Part[] = [anchor];
    let lo = at;
    let hi = at;
    for (const alternatives of f.parts.slice(1)) {
      const near = candidates(alternatives, byKind).find((p) => {
        const sp = s.sentence[p.pos] as number;
        return (
          Math.max(hi, sp) - Math.min(lo, sp) <= SENTENCE_SPREAD &&
          !chosen.some((c) => p.pos < c.pos + c.len && c.pos < p.pos + p.len)
        );
      });
      if (!near) break;
      chosen.push(near);
      lo = Math.min(lo, s.sentence[near.pos] as number);
      hi = Math.max(hi, s.sentence[near.pos] as number);
    }
    if (chosen.length !== f.parts.length) continue;
    const pos = Math.min(...chosen.map((c) => c.pos));
    const end = Math.max(...chosen.map((c) => c.pos + c.len));
    const terms = chosen.map((c) => c.term);
    return {
      theme: f.theme,
      trope: f.trope,
      pos,
      len: end - pos,
      terms,
      vouched: chosen.some((c) => c.kind === VOUCH),
    };
  }
  return undefined;
}

function candidates(alternatives: readonly string[], byKind: ReadonlyMap<string, Part[]>): Part[] {
  if (alternatives.length === 1) return byKind.get(alternatives[0] as string) ?? [];
  return alternatives.flatMap((k) => byKind.get(k) ?? []);
}
