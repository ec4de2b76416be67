import type { ThemeId } from '@trendwacht/shared';
import { loadLexicons } from './compose/lexicon-data';
import type { TropeHit } from './compose/tropes';
import type { AnalysedLang } from './lexicon';

/**
 * Claims that make a trope another story (claims.tsv kind → the tropes it vetoes). A post that
 * names a war (`war`: "Ukraine", "troops", "Rusland") tells of an army's invasion, not of
 * migration called one; a post on fertility (`fertility`: "replacement level") uses
 * "replacement" as demographers do; a post that calls replacement a theory (`theory`: "theory",
 * "no plot", "complottheorie") talks about the claim rather than make it — unless it denies
 * that it is one ("it's not a theory"): a negated veto vetoes nothing. Other tropes of the
 * theme in the post still count.
 */
const VETOES: Readonly<Record<string, { theme: ThemeId; tropes: readonly string[] }>> = {
  war: { theme: 'far_right', tropes: ['invasion'] },
  fertility: { theme: 'far_right', tropes: ['replacement'] },
  theory: { theme: 'far_right', tropes: ['great_replacement', 'replacement'] },
};

/** How a veto travels as a theme cue: the cue's term names the trope it vetoes. */
const PREFIX = 'veto:';

export type Veto = { term: string; theme: ThemeId; cue: string };

/** The language's veto words (claims of a vetoing kind), each with the cue it becomes. */
export function vetoTerms(lang: AnalysedLang): Veto[] {
  const out: Veto[] = [];
  for (const c of loadLexicons(lang).claims) {
    const v = VETOES[c.kind];
    if (v) out.push({ term: c.term, theme: v.theme, cue: `${PREFIX}${v.tropes.join('+')}` });
  }
  return out;
}

export const isVeto = (term: string): boolean => term.startsWith(PREFIX);

/** Tropes vetoed in a post, as `theme/trope`, from its veto cues that are not negated. */
export function vetoedIn(cues: readonly { theme: ThemeId; term: string; negated: boolean }[]): Set<string> {
  const out = new Set<string>();
  for (const c of cues) {
    if (!isVeto(c.term) || c.negated) continue;
    for (const t of c.term.slice(PREFIX.length).split('+')) out.add(`${c.theme}/${t}`);
  }
  return out;
}

/** The composition's trope hits without the vetoed tropes; a hit left with none goes. */
export function vetted(tropes: readonly TropeHit[], vetoed: ReadonlySet<string>): TropeHit[] {
  if (vetoed.size === 0) return [...tropes];
  const out: TropeHit[] = [];
  for (const t of tropes) {
    const kept = t.trope.split('+').filter((x) => !vetoed.has(`${t.theme}/${x}`));
    if (kept.length === 0) continue;
    out.push(kept.length === t.trope.split('+').length ? t : { ...t, trope: kept.join('+') });
  }
  return out;
}
