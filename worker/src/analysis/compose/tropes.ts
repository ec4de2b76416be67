import type { ThemeId } from '@trendwacht/shared';
import type { AnalysedLang } from '../lexicon';
import type { FrameMatch } from './frames';
import type { Group } from './lexicon-data';
import type { Match } from './lexicon-index';
import type { Structure } from './structure';
import { type Mention, isGroup } from './targets';

/**
 * Themes beyond hate as tropes: a claim that carries a theme, next to the group it is about
 * when it needs one ("X controleren de media"); refuted → defending, reported → informing.
 */
export type TropeHit = {
  theme: ThemeId;
  trope: string;
  score: number;
  stance: 'attacking' | 'defending' | 'informing';
  /** The group a trope that needs one was said of. */
  group?: Group;
  /** The lexicon entries that fired (never post text). */
  terms: string[];
};

export const REPORTED_SCORE = 0.35;
export const DEFENDING_SCORE = 0.1;
const TROPE_SCORE = 0.7;
const TWO_TROPES_SCORE = 0.85;
const CODED_ALONE_SCORE = 0.45;
const TROPE_REACH = 9;
/** Words between "stop" and the trope it governs ("stop *the* great replacement"). */
const HALT_GAP = 2;

/** Themes whose tropes are hate, which words condemning hate refute ("racistische onzin"). */
const CONDEMNED: ReadonlySet<ThemeId> = new Set<ThemeId>(['antisemitism', 'far_right', 'islamist']);

export function tropeHits(
  lang: AnalysedLang,
  s: Structure,
  tropes: readonly Match[],
  mentions: readonly Mention[],
  counters: readonly Match[],
  antisemiticHate: number,
  frames: readonly FrameMatch[] = [],
  debunks: readonly number[] = [],
  beliefs: readonly number[] = [],
): TropeHit[] {
  const byTheme = new Map<
    ThemeId,
    { tropes: Set<string>; stance: TropeHit['stance']; group?: Group; terms: Set<string> }
  >();
  const taken = new Set<string>();
  const outside = (p: number, pos: number, len: number) => p < pos || p >= pos + len;
  const record = (
    theme: ThemeId,
    trope: string,
    pos: number,
    len: number,
    terms: string[],
    group?: Group,
    vouched = false,
  ) => {
    // A condemning word inside the trope is the trope's own ("the Holocaust is a myth");
    // a fact check or "that rumour is false" anywhere in the post refutes it.
    // Outrage ("schandalig!") beside a cover-up claim is the claim's own; only condemnation
    // of hate refutes a hateful trope, and only a fact check refutes the others.
    // A condemning word inside another trope of the theme is that trope's own too
    // ("the holocaust never happened, 6 million is a lie").
    const own = (p: number) =>
      tropes.some((t) => t.tag.cat === 'trope' && t.tag.theme === theme && p >= t.pos && p < t.pos + t.len);
    // "we must stop the great replacement": a call to stop what the trope claims is under way
    // takes it for true (the trope is its object, right after it).
    const halts = (c: Match) => s.halting(c.pos, c.len) && pos >= c.pos + c.len && pos - (c.pos + c.len) <= HALT_GAP;
    const counter =
      (CONDEMNED.has(theme) &&
        counters.some((c) => outside(c.pos, pos, len) && !own(c.pos) && !halts(c) && !s.boundaryBetween(c.pos, pos))) ||
      debunks.some((p) => outside(p, pos, len));
    // "dat zeggen de cijfers", "the police confirmed it": an appeal to authority vouches, it does not report.
    // "mijn tante gelooft dat …", "my uncle thinks …": someone else's belief, told.
    const believed = beliefs.some((p) => p < pos && s.sentence[p] === s.sentence[pos]);
    const reported = !vouched && (believed || s.reportedInSentence(pos));
    const stance: TropeHit['stance'] = counter ? 'defending' : reported ? 'informing' : 'attacking';
    const entry = byTheme.get(theme) ?? { tropes: new Set<string>(), stance, terms: new Set<string>() };
    entry.tropes.add(trope);
    for (const t of terms) entry.terms.add(t);
    if (group && !entry.group) entry.group = group;
    if (stance !== 'attacking') entry.stance = stance;
    byTheme.set(theme, entry);
  };
  for (const t of [...tropes].sort((a, b) => b.len - a.len)) {
    if (t.tag.cat !== 'trope') continue;
    const { needs, theme, trope } = t.tag;
    // Words are taken per theme: one phrase may carry two ("sharia invoeren").
    if (taken.has(`${theme}@${t.pos}`)) continue;
    // "de kampen van de nazi's", "killed by the nazis": a word of the trope as what did it or
    // owns it, not as what the group is compared with.
    if (!t.term.includes(' ') && needs !== '-' && s.agentive(t.pos)) continue;
    let group: Group | undefined;
    if (needs === 'people') {
      const people =
        s.peopleNear(t.pos, TROPE_REACH) ||
        mentions.some(
          (m) => isGroup(m.aim) && s.sentence[m.pos] === s.sentence[t.pos] && Math.abs(m.pos - t.pos) <= TROPE_REACH,
        );
      if (!people) continue;
    } else if (needs !== '-') {
      const near = mentions.some(
        (m) =>
          (m.aim === needs || (needs === 'jews' && m.aim === 'coded_jews')) &&
          s.sentence[m.pos] === s.sentence[t.pos] &&
          Math.abs(m.pos - t.pos) <= TROPE_REACH &&
          !(m.pos >= t.pos && m.pos < t.pos + t.len),
      );
      if (!near) continue;
      group = needs;
    }
    for (let i = t.pos; i < t.pos + t.len; i++) taken.add(`${theme}@${i}`);
    // Dutch puts the negation after the verb ("controleren de media niet"); a negated trope
    // also keeps the shorter ones inside it from firing.
    if (s.negates(t.pos, t.len, 3, lang === 'nl' ? 2 : 0)) continue;
    record(theme, trope, t.pos, t.len, [t.term], group);
  }
  for (const f of frames) record(f.theme, f.trope, f.pos, f.len, f.terms, undefined, f.vouched);
  if (s.echo && counters.length === 0) {
    const e = byTheme.get('antisemitism') ?? {
      tropes: new Set<string>(),
      stance: 'attacking' as const,
      terms: new Set<string>(),
    };
    e.tropes.add('echo');
    byTheme.set('antisemitism', e);
  }
  const out: TropeHit[] = [];
  for (const [theme, e] of byTheme) {
    // A coded word alone ("Rothschild", "globalists") is a name or a word first; it carries
    // the theme with another trope or an attack beside it.
    const codedOnly = [...e.tropes].every((t) => t === 'coded') && antisemiticHate < 0.5;
    const base = codedOnly ? CODED_ALONE_SCORE : e.tropes.size > 1 ? TWO_TROPES_SCORE : TROPE_SCORE;
    const score = e.stance === 'attacking' ? base : e.stance === 'informing' ? REPORTED_SCORE : DEFENDING_SCORE;
    out.push({
      theme,
      trope: [...e.tropes].sort().join('+'),
      score,
      stance: e.stance,
      terms: [...e.terms],
      ...(e.group ? { group: e.group } : {}),
    });
  }
  if (antisemiticHate >= 0.5 && !byTheme.has('antisemitism')) {
    out.push({
      theme: 'antisemitism',
      trope: 'hate',
      score: antisemiticHate,
      stance: 'attacking',
      group: 'jews',
      terms: [],
    });
  }
  return out;
}
