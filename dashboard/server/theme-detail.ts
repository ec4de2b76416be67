import { LANGS, STANCES, TARGET_IDS, type ThemeDetail, guard, themeLabel } from '@trendwacht/shared';
import { type ReadDeps, type Span, addFields, execOrThrow, readTimeline, readTopTerms, toneOf } from './queries';

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
  const pipe = d.redis.pipeline();
  for (const b of span.buckets) pipe.hgetall(d.keys.cell(theme, span.g, b));
  pipe.pfcount(...span.buckets.map((b) => d.keys.cellAuthors(theme, span.g, b)));
  const [res, timeline, topTerms] = await Promise.all([
    execOrThrow(pipe),
    readTimeline(d, theme, span),
    readTopTerms(d, theme, span.hours),
  ]);
  const totals = new Map<string, number>();
  for (const r of res.slice(0, -1)) addFields(totals, r as Record<string, string>);
  const authors = Number(res[res.length - 1]);
  const shown = guard(1, authors, d.k) !== null;
  return {
    ...timeline,
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
