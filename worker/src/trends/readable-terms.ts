import { phraseText } from '@trendwacht/shared';
import type { Story } from './stories';

/**
 * A story's words with their counts, strongest first, as people read them: a narrative's
 * phrase (stored as one token, its words joined by PHRASE_JOIN) is written with spaces,
 * and a phrase held whole in a longer one of the story ("iemand anders ook" in "iemand
 * anders ook last") is left out.
 */
export function readableTerms(
  s: Story,
  movedOf: (kind: string, key: string) => readonly { term: string; count: number }[],
): { term: string; count: number }[] {
  const best = new Map<string, number>();
  const members = [...s.members.values()].sort((a, b) => b.peak.score - a.peak.score);
  for (const m of members)
    for (const t of movedOf(m.kind, m.key)) {
      const term = phraseText(t.term);
      best.set(term, Math.max(best.get(term) ?? 0, t.count));
    }
  // Nothing moves in its members now (a narrative between bursts): the words it was told with.
  if (best.size === 0) for (const w of s.words ?? []) best.set(phraseText(w), 0);
  const phrases = [...best.keys()].filter((t) => t.includes(' '));
  const within = (t: string) => t.includes(' ') && phrases.some((p) => p !== t && ` ${p} `.includes(` ${t} `));
  return [...best]
    .filter(([term]) => !within(term))
    .map(([term, count]) => ({ term, count }))
    .sort((a, b) => b.count - a.count)
    .slice(0, 12);
}
