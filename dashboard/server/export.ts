import { EXPORT_FORMATS, LANGS, MIN_K, STANCES, TARGET_IDS, TONES, guard } from '@trendwacht/shared';
import { type SpanSummary, breakdown } from './breakdown';
import type { ReadDeps, Span } from './queries';
import { partAuthorsOf, readVisibleBuckets, visiblePosts } from './visible';

export { EXPORT_FORMATS };
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** One bucket of one series. Counts are null when suppressed (fewer than k distinct authors). */
export type ExportRow = Record<string, string | number | boolean | null>;

const PARTS: [string, readonly string[]][] = [
  ['tone', TONES],
  ['lang', LANGS],
  ['stance', STANCES],
  ['target', TARGET_IDS],
];
/** Column order of every export, CSV header included. */
export const EXPORT_COLUMNS = [
  'series',
  'bucket',
  'granularity',
  'suppressed',
  'posts',
  'authors',
  'toxic',
  'hateful',
  ...PARTS.flatMap(([prefix, ids]) => ids.map((id) => `${prefix}_${id}`)),
];

/**
 * A series' rows over a span. A bucket is exported as the timeline shows it (hidden
 * buckets of a shown hour or day suppressed together); in a shown bucket every count is a
 * part guarded by its own authors with complementary suppression (toxic and hateful each
 * against the rest of the bucket), so no empty cell follows from its row (issue 22).
 */
export async function exportRows(d: ReadDeps, series: string, span: Span): Promise<ExportRow[]> {
  const cells = await readVisibleBuckets(d, series, span);
  const kk = Math.max(d.k, MIN_K);
  // Part authors per shown bucket, only for fields that could be shown (≥ k posts).
  const authorsOf = await Promise.all(
    cells.map((c) => {
      const fields = Object.entries(c.fields)
        .filter(([f, v]) => f !== 'posts' && Number(v) >= kk)
        .map(([f]) => f);
      return c.shown ? partAuthorsOf(d, series, span.g, [c.t], fields) : new Map<string, number>();
    }),
  );
  return cells.map((c, j) => {
    const posts = visiblePosts(c);
    const totals = new Map(Object.entries(c.fields).map(([f, v]) => [f, Number(v)]));
    const s: SpanSummary = {
      whole: c.shown ? { raw: c.posts, authors: c.authors } : { raw: 0, authors: 0 },
      totals,
      partAuthors: authorsOf[j] ?? new Map(),
    };
    const row: ExportRow = {
      series,
      bucket: new Date(c.t).toISOString(),
      granularity: span.g,
      suppressed: posts === null,
      posts,
      authors: c.posts === 0 ? 0 : c.shown ? guard(c.authors, c.authors, d.k) : null,
      toxic: flag(s, 'toxic', d.k),
      hateful: flag(s, 'hateful', d.k),
    };
    for (const [prefix, ids] of PARTS) {
      const shown = new Map(breakdown(s, prefix, ids, d.k).map((p) => [p.id, p.posts]));
      for (const id of ids) row[`${prefix}_${id}`] = cellValue(s, `${prefix}:${id}`, shown.get(id), c.posts, kk);
    }
    return row;
  });
}

/** A yes/no count (toxic, hateful): a part of its bucket beside the rest, which is not shown. */
function flag(s: SpanSummary, field: string, k: number): number | null {
  const v = breakdown(
    {
      ...s,
      totals: new Map([[`f:${field}`, s.totals.get(field) ?? 0]]),
      partAuthors: new Map([[`f:${field}`, s.partAuthors.get(field) ?? 0]]),
    },
    'f',
    [field],
    k,
  )[0];
  return cellValue(s, field, v?.posts, s.whole.raw, Math.max(k, MIN_K));
}

/** 0 for an empty part of a shown bucket (nothing to hide), else the guarded value. */
function cellValue(s: SpanSummary, field: string, shown: number | null | undefined, posts: number, kk: number) {
  if (posts === 0) return 0;
  if (s.whole.authors >= kk && !s.totals.get(field)) return 0;
  return shown ?? null;
}

/** RFC 4180 quoting; cells that a spreadsheet would run as a formula are defused. */
function csvCell(v: string | number | boolean | null): string {
  if (v === null) return '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function formatExport(
  format: ExportFormat,
  meta: Record<string, string | number>,
  rows: ExportRow[],
): { contentType: string; body: string; extension: string } {
  if (format === 'json') {
    return {
      contentType: 'application/json; charset=utf-8',
      body: `${JSON.stringify({ ...meta, columns: EXPORT_COLUMNS, rows }, null, 2)}\n`,
      extension: 'json',
    };
  }
  if (format === 'ndjson') {
    return {
      contentType: 'application/x-ndjson; charset=utf-8',
      body: rows.map((r) => `${JSON.stringify(r)}\n`).join(''),
      extension: 'ndjson',
    };
  }
  const lines = [
    EXPORT_COLUMNS.join(','),
    ...rows.map((r) => EXPORT_COLUMNS.map((c) => csvCell(r[c] ?? null)).join(',')),
  ];
  return { contentType: 'text/csv; charset=utf-8', body: `${lines.join('\r\n')}\r\n`, extension: 'csv' };
}
