import { LANGS, STANCES, TARGET_IDS, type ThemeDetail, guard, themeLabel } from '@trendwacht/shared';
import { breakdown, summarise, toneOf } from './breakdown';
import { termHours } from './narratives/read';
import { distinctTerms } from './narratives/terms';
import type { ReadDeps, Span } from './queries';
import { readVisibleBuckets, timelineOf } from './visible';

/**
 * One theme (or `all`) over a span: timeline, totals, tone, languages, sources, targets,
 * stances, terms (the most distinctive against ordinary language, never filler:
 * narratives/terms.ts). Totals come from the shown points only and every part is guarded by its
 * own authors with complementary suppression, so no hidden value follows from this answer
 * by subtraction (issue 22).
 */
/** Terms shown on a theme page. */
const TOP_TERMS = 15;

export async function readThemeDetail(d: ReadDeps, theme: string, span: Span): Promise<ThemeDetail> {
  const cells = await readVisibleBuckets(d, theme, span);
  const s = await summarise(d, theme, span, cells);
  const topTerms = (await distinctTerms(d, theme, null, termHours(d, span), s.whole.raw, 100))
    .slice(0, TOP_TERMS)
    .map(({ term, count }) => ({ term, count }));
  const { raw, authors } = s.whole;
  return {
    ...timelineOf(theme, span, cells, d.k),
    label: themeLabel(theme),
    from: span.from,
    to: span.to,
    posts: guard(raw, authors, d.k),
    authors: guard(authors, authors, d.k),
    tone: toneOf(s, d.k),
    langs: breakdown(s, 'lang', LANGS, d.k),
    sources: breakdown(s, 'src', null, d.k),
    targets: breakdown(s, 'target', TARGET_IDS, d.k),
    stances: breakdown(s, 'stance', STANCES, d.k),
    topTerms: guard(1, authors, d.k) !== null ? topTerms : [],
  };
}
