import { ALL, type Overview, THEME_IDS, type ThemeSummary, guard, themeLabel } from '@trendwacht/shared';
import { summarise, toneOf } from './breakdown';
import { type ReadDeps, type Span, readTopTerms } from './queries';
import { readVisibleBuckets } from './visible';

/**
 * Every theme's totals over the span, from its shown buckets only (so the overview and a
 * theme's timeline cannot be subtracted from each other to find a hidden bucket).
 */
export async function readOverview(d: ReadDeps, r: Span): Promise<Overview> {
  const themes = [ALL, ...THEME_IDS] as string[];
  const summaries: ThemeSummary[] = await Promise.all(
    themes.map(async (theme) => {
      const [cells, topTerms] = await Promise.all([
        readVisibleBuckets(d, theme, r),
        theme === ALL ? [] : readTopTerms(d, theme, r.hours),
      ]);
      const s = await summarise(d, theme, r, cells);
      const posts = guard(s.whole.raw, s.whole.authors, d.k);
      return {
        id: theme,
        label: themeLabel(theme),
        posts,
        authors: guard(s.whole.authors, s.whole.authors, d.k),
        suppressed: posts === null,
        tone: toneOf(s, d.k),
        topTerms,
      };
    }),
  );
  return { tenant: d.keys.tenant, range: r.range, from: r.from, to: r.to, k: d.k, themes: summaries };
}
