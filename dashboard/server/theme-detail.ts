import { LANGS, STANCES, TARGET_IDS, type ThemeDetail, guard, themeLabel } from '@trendwacht/shared';
import { breakdown, summarise, toneOf } from './breakdown';
import { type ReadDeps, type Span, readTopTerms } from './queries';
import { readVisibleBuckets, timelineOf } from './visible';

/**
 * One theme (or `all`) over a span: timeline, totals, tone, languages, sources, targets,
 * stances, terms. Totals come from the shown points only and every part is guarded by its
 * own authors with complementary suppression, so no hidden value follows from this answer
 * by subtraction (issue 22).
 */
export async function readThemeDetail(d: ReadDeps, theme: string, span: Span): Promise<ThemeDetail> {
  const [cells, topTerms] = await Promise.all([readVisibleBuckets(d, theme, span), readTopTerms(d, theme, span.hours)]);
  const s = await summarise(d, theme, span, cells);
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
