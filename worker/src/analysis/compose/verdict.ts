import type { AnalysedLang } from '../lexicon';
import type { Verdict } from './composition';
import { condemnsQuote } from './judgements';
import type { Match } from './lexicon-index';
import type { Structure } from './structure';
import { type Attack, type Mention, isGroup, isKind, victimOfGroup } from './targets';
import { DEFENDING_SCORE, REPORTED_SCORE } from './tropes';

export type VerdictInput = {
  lang: AnalysedLang;
  s: Structure;
  tokens: readonly string[];
  spans: readonly Match[];
  mentions: readonly Mention[];
  /** Condemnation said by the poster (not turned on a group). */
  counters: readonly Match[];
  victims: readonly Match[];
  /** An attack was there and undone (negated, or a group as victim). */
  cancelled: boolean;
  /** A good word said of a group. */
  positive: boolean;
  /** The strongest attack's weight, and the attack with the group it hits. */
  best: number;
  bestAttack: { a: Attack; m: Mention } | undefined;
  /** Rules that fired (added to). */
  context: Set<string>;
};

/**
 * What a post does with the groups it names, from its strongest attack and its context:
 * counter-speech wins over the attack it answers (unless a "but" turns it), someone else's
 * words are reported, and a group named with nothing said of it is neutral.
 */
export function verdictOf(v: VerdictInput): { verdict: Verdict; hate: number; countered: boolean } {
  const { lang, s, tokens, spans, mentions, counters, victims, cancelled, positive, best, bestAttack, context } = v;
  const counter = counters.length > 0;
  const attackPos = bestAttack?.a.pos;
  const reported = attackPos !== undefined && s.reportedAt(attackPos);
  // "Ik veroordeel racisme, maar …": what follows the "but" is what the post says.
  const countered = attackPos === undefined ? counter : counters.some((c) => !s.boundaryBetween(c.pos, attackPos));
  let verdict: Verdict;
  let hate = 0;
  if (bestAttack && countered) {
    verdict = 'defending';
    hate = DEFENDING_SCORE;
    context.add('counter_speech');
  } else if (bestAttack && reported && condemnsQuote(lang, s, tokens, spans, bestAttack.a)) {
    // "«X sont des parasites» : ce discours est indigne", "…". Onze steun aan de gemeenschap.":
    // the poster's own words around the quote condemn it or stand by its target.
    verdict = 'defending';
    hate = DEFENDING_SCORE;
    context.add('counter_speech');
  } else if (bestAttack && reported) {
    verdict = 'reported';
    hate = REPORTED_SCORE;
    context.add('reported');
  } else if (bestAttack) {
    verdict = 'attack';
    hate = best;
  } else if (cancelled || (countered && mentions.length > 0) || victimOfGroup(s, victims, mentions)) {
    verdict = 'defending';
    if (counter) context.add('counter_speech');
  } else if (positive || spans.some((m) => isKind(m, 'support') || isKind(m, 'self'))) {
    verdict = mentions.length > 0 ? 'support' : 'none';
  } else {
    // A group named, also one only some of whose members are meant ("criminele asielzoekers").
    const named =
      mentions.some((m) => isGroup(m.aim)) || spans.some((m) => m.tag.cat === 'group' && isGroup(m.tag.group));
    verdict = named ? 'neutral' : 'none';
  }
  return { verdict, hate, countered };
}
