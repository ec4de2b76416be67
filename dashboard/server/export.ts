import { LANGS, STANCES, TARGET_IDS, TONES, guard } from '@trendwacht/shared';
import { type ReadDeps, type Span, bucketPosts, readBuckets } from './queries';
import { guardPart } from './theme-detail';

export const EXPORT_FORMATS = ['csv', 'json', 'ndjson'] as const;
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

/** A series' rows over a span: k-anonymity applied per bucket and per count. */
export async function exportRows(d: ReadDeps, series: string, span: Span): Promise<ExportRow[]> {
  return (await readBuckets(d, series, span)).map((c) => {
    const { fields, authors } = c;
    const posts = bucketPosts(c, d.k);
    const row: ExportRow = {
      series,
      bucket: new Date(c.t).toISOString(),
      granularity: span.g,
      suppressed: posts === null,
      posts,
      authors: c.posts === 0 ? 0 : guard(authors, authors, d.k),
      toxic: guardPart(Number(fields.toxic ?? 0), authors, d.k),
      hateful: guardPart(Number(fields.hateful ?? 0), authors, d.k),
    };
    for (const [prefix, ids] of PARTS) {
      for (const id of ids) row[`${prefix}_${id}`] = guardPart(Number(fields[`${prefix}:${id}`] ?? 0), authors, d.k);
    }
    return row;
  });
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
