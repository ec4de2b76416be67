import type { ThemeId } from '@trendwacht/shared';
import type { AnalysedLang } from '../lexicon';
import type { Match } from './lexicon-index';
import type { Structure } from './structure';
import type { Mention } from './targets';

/**
 * Themes beyond hate as tropes: a claim that carries a theme, next to the group it is about
 * when it needs one ("X controleren de media"); refuted → defending, reported → informing.
 */
export type TropeHit = {
  theme: ThemeId;
  trope: string;
  score: number;
  stance: 'attacking' | 'defending' | 'informing';
};

export const REPORTED_SCORE = 0.35;
export const DEFENDING_SCORE = 0.1;
const TROPE_SCORE = 0.7;
const TWO_TROPES_SCORE = 0.85;
const CODED_ALONE_SCORE = 0.45;
const TROPE_REACH = 9;

export function tropeHits(
  lang: AnalysedLang,
  s: Structure,
  tropes: readonly Match[],
  mentions: readonly Mention[],
  counters: readonly Match[],
  antisemiticHate: number,
): TropeHit[] {
  const byTheme = new Map<ThemeId, { tropes: Set<string>; stance: TropeHit['stance'] }>();
  const taken = new Set<number>();
  for (const t of [...tropes].sort((a, b) => b.len - a.len)) {
    if (t.tag.cat !== 'trope') continue;
    if (taken.has(t.pos)) continue;
    const { needs, theme, trope } = t.tag;
    if (needs !== '-') {
      const near = mentions.some(
        (m) =>
          (m.aim === needs || (needs === 'jews' && m.aim === 'coded_jews')) &&
          s.sentence[m.pos] === s.sentence[t.pos] &&
          Math.abs(m.pos - t.pos) <= TROPE_REACH &&
          !(m.pos >= t.pos && m.pos < t.pos + t.len),
      );
      if (!near) continue;
    }
    // Dutch puts the negation after the verb ("controleren de media niet").
    if (s.negates(t.pos, t.len, 3, lang === 'nl' ? 2 : 0)) continue;
    for (let i = t.pos; i < t.pos + t.len; i++) taken.add(i);
    const counter = counters.some((c) => !s.boundaryBetween(c.pos, t.pos));
    const stance: TropeHit['stance'] = counter ? 'defending' : s.reportedInSentence(t.pos) ? 'informing' : 'attacking';
    const entry = byTheme.get(theme) ?? { tropes: new Set<string>(), stance };
    entry.tropes.add(trope);
    if (stance !== 'attacking') entry.stance = stance;
    byTheme.set(theme, entry);
  }
  if (s.echo && counters.length === 0) {
    const e = byTheme.get('antisemitism') ?? { tropes: new Set<string>(), stance: 'attacking' as const };
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
    out.push({ theme, trope: [...e.tropes].sort().join('+'), score, stance: e.stance });
  }
  if (antisemiticHate >= 0.5 && !byTheme.has('antisemitism')) {
    out.push({ theme: 'antisemitism', trope: 'hate', score: antisemiticHate, stance: 'attacking' });
  }
  return out;
}
