import { LANGS, STANCES, TARGET_IDS, type ThemeDetail, guard, themeLabel } from '@trendwacht/shared';
import { type ReadDeps, type Span, addFields, readBuckets, readTopTerms, timelineOf, toneOf } from './queries';

/**
 * A count of one category (a language, a source…) inside a cell. Shown only when the cell
 * has k authors AND the count itself is at least k: fewer posts than k cannot come from k
 * distinct authors.
 */
export function guardPart(value: number, authors: number, k: number): number | null {
  return value < k ? null : guard(value, authors, k);
}

/** Fields `<prefix>:<id>` of summed cell fields as a guarded breakdown, biggest first. */
export function breakdown(
  totals: Map<string, number>,
  prefix: string,
  ids: readonly string[] | null,
  authors: number,
  k: number,
) {
  const found =
    ids ?? [...totals.keys()].filter((f) => f.startsWith(`${prefix}:`)).map((f) => f.slice(prefix.length + 1));
  return found
    .map((id) => ({ id, raw: totals.get(`${prefix}:${id}`) ?? 0 }))
    .filter((p) => p.raw > 0)
    .sort((a, b) => b.raw - a.raw)
    .map((p) => ({ id: p.id, posts: guardPart(p.raw, authors, k) }));
}

/** One theme (or `all`) over a span: timeline, totals, tone, languages, sources, targets, stances, terms. */
export async function readThemeDetail(d: ReadDeps, theme: string, span: Span): Promise<ThemeDetail> {
  const [cells, authors, topTerms] = await Promise.all([
    readBuckets(d, theme, span),
    d.redis.pfcount(...span.buckets.map((b) => d.keys.cellAuthors(theme, span.g, b))),
    readTopTerms(d, theme, span.hours),
  ]);
  const totals = new Map<string, number>();
  for (const c of cells) addFields(totals, c.fields);
  const shown = guard(1, authors, d.k) !== null;
  return {
    ...timelineOf(theme, span, cells, d.k),
    label: themeLabel(theme),
    from: span.from,
    to: span.to,
    posts: guard(totals.get('posts') ?? 0, authors, d.k),
    authors: guard(authors, authors, d.k),
    tone: toneOf(totals, authors, d.k),
    langs: breakdown(totals, 'lang', LANGS, authors, d.k),
    sources: breakdown(totals, 'src', null, authors, d.k),
    targets: breakdown(totals, 'target', TARGET_IDS, authors, d.k),
    stances: breakdown(totals, 'stance', STANCES, authors, d.k),
    topTerms: shown ? topTerms : [],
  };
}
