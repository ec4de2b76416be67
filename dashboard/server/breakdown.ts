import { MIN_K, TONES } from '@trendwacht/shared';
import { type ReadDeps, type Span, addFields } from './queries';
import { type Part, type Whole, shownParts } from './suppression';
import { type VisibleCell, partAuthorsOf } from './visible';

/**
 * What a span of a series is made of, from its *shown* buckets only: a hidden bucket adds
 * nothing to a total, so `total - visible points` is always zero and a longer span minus
 * a shorter one gives only buckets that are shown anyway. Each field knows its own
 * distinct authors (for the fields with at least k posts; others are hidden regardless).
 */
export type SpanSummary = { whole: Whole; totals: Map<string, number>; partAuthors: Map<string, number> };

export async function summarise(d: ReadDeps, series: string, span: Span, cells: VisibleCell[]): Promise<SpanSummary> {
  const visible = cells.filter((c) => c.shown && c.posts > 0);
  const totals = new Map<string, number>();
  for (const c of visible) addFields(totals, c.fields);
  const buckets = visible.map((c) => c.t);
  const kk = Math.max(d.k, MIN_K);
  const candidates = [...totals].filter(([f, v]) => f !== 'posts' && v >= kk).map(([f]) => f);
  const [authors, partAuthors] = await Promise.all([
    buckets.length > 0 ? d.redis.pfcount(...buckets.map((b) => d.keys.cellAuthors(series, span.g, b))) : 0,
    partAuthorsOf(d, series, span.g, buckets, candidates),
  ]);
  return { whole: { raw: totals.get('posts') ?? 0, authors }, totals, partAuthors };
}

/**
 * Fields `<prefix>:<id>` as a breakdown: each part shown from k authors of its own, with
 * complementary suppression against the total (`shownParts`). Shown parts come biggest
 * first, hidden ones after in a fixed order, so their ranking gives nothing away either.
 */
export function breakdown(s: SpanSummary, prefix: string, ids: readonly string[] | null, k: number) {
  const found =
    ids ?? [...s.totals.keys()].filter((f) => f.startsWith(`${prefix}:`)).map((f) => f.slice(prefix.length + 1));
  const parts: Part[] = found
    .map((id) => {
      const field = `${prefix}:${id}`;
      return { id, raw: s.totals.get(field) ?? 0, authors: s.partAuthors.get(field) ?? 0 };
    })
    .filter((p) => p.raw > 0);
  const shown = shownParts(s.whole, parts, k);
  const visible = parts.filter((p) => shown.has(p.id)).sort((a, b) => b.raw - a.raw);
  const hidden = parts.filter((p) => !shown.has(p.id)).sort((a, b) => a.id.localeCompare(b.id));
  return [
    ...visible.map((p) => ({ id: p.id, posts: p.raw as number | null })),
    ...hidden.map((p) => ({ id: p.id, posts: null })),
  ];
}

/** Negative, neutral, positive posts: the same guard as any breakdown (a tone is a part of the total). */
export function toneOf(s: SpanSummary, k: number) {
  const parts = new Map(breakdown(s, 'tone', TONES, k).map((p) => [p.id, p.posts]));
  const shownTotal = s.whole.authors >= Math.max(k, MIN_K);
  const at = (id: string) => (shownTotal && !s.totals.get(`tone:${id}`) ? 0 : (parts.get(id) ?? null));
  return { neg: at('neg'), neu: at('neu'), pos: at('pos') };
}
