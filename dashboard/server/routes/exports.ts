import { ALL, ExportQuery, narrativeSeries } from '@trendwacht/shared';
import { exportRows, formatExport } from '../export';
import { type Ctx, HttpError, type Reply, parseWith, principalOf, scopeOf } from '../http';
import { readNarrative } from '../trend-queries';
import { parseSpan } from './span';

/** A topic summary (theme or narrative) over a span as CSV, JSON or NDJSON; k-anonymous per bucket. */
export async function exportSummary(ctx: Ctx): Promise<Reply> {
  const s = scopeOf(ctx);
  const q = parseWith(ExportQuery, ctx.query);
  const span = parseSpan(ctx.query, s.now());
  let series: string = q.theme ?? ALL;
  if (q.narrative) {
    // A narrative below k authors is not exported (and looks unknown).
    if (!(await readNarrative(s, q.narrative))) {
      throw new HttpError(404, 'not_found', 'no such narrative (or fewer than k authors)');
    }
    series = narrativeSeries(q.narrative);
  }
  const rows = await exportRows(s, series, span);
  const meta = {
    tenant: s.tenant,
    series,
    from: new Date(span.from).toISOString(),
    to: new Date(span.to).toISOString(),
    granularity: span.g,
    k: s.k,
    generatedAt: new Date(s.now()).toISOString(),
  };
  const out = formatExport(q.format, meta, rows);
  await s.audit.append({
    actor: principalOf(ctx).username,
    action: 'export',
    target: series,
    detail: { format: q.format, from: meta.from, to: meta.to, rows: rows.length, via: principalOf(ctx).via },
  });
  const day = meta.from.slice(0, 10);
  return {
    status: 200,
    body: out.body,
    contentType: out.contentType,
    filename: `trendwacht-${s.tenant}-${series}-${day}.${out.extension}`,
  };
}
