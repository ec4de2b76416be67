import { AlertsQuery, SeriesTheme, THEME_IDS, TimelineQuery, guidanceFor } from '@trendwacht/shared';
import { z } from 'zod';
import { type Ctx, HttpError, type Reply, ok, parseId, parseWith, principalOf, scopeOf } from '../http';
import { readOverview } from '../overview';
import { readThemeDetail } from '../theme-detail';
import { readAlert, readAlerts } from '../trend-queries';
import { readTimeline } from '../visible';
import { parseSpan } from './span';

const ThemeQuery = z.object({ theme: z.enum(THEME_IDS) });

export async function overview(ctx: Ctx): Promise<Reply> {
  const s = scopeOf(ctx);
  return ok(await readOverview(s, parseSpan(ctx.query, s.now())));
}

export async function timeline(ctx: Ctx): Promise<Reply> {
  const s = scopeOf(ctx);
  const q = parseWith(TimelineQuery.passthrough(), ctx.query);
  return ok(await readTimeline(s, q.theme, parseSpan(ctx.query, s.now())));
}

export async function themeDetail(ctx: Ctx): Promise<Reply> {
  const s = scopeOf(ctx);
  const theme = parseWith(SeriesTheme, ctx.params.theme, 'theme');
  return ok(await readThemeDetail(s, theme, parseSpan(ctx.query, s.now())));
}

export async function stats(ctx: Ctx): Promise<Reply> {
  const s = scopeOf(ctx);
  const raw = await s.redis.hgetall(s.keys.stats);
  const counts: Record<string, number> = {};
  for (const [f, v] of Object.entries(raw)) counts[f] = Number(v);
  return ok({ tenant: s.tenant, stats: counts });
}

export async function alerts(ctx: Ctx): Promise<Reply> {
  const s = scopeOf(ctx);
  const q = parseWith(AlertsQuery, ctx.query);
  return ok({ tenant: s.tenant, k: s.k, alerts: await readAlerts(s, q.status, q.limit) });
}

export async function alert(ctx: Ctx): Promise<Reply> {
  const s = scopeOf(ctx);
  const a = await readAlert(s, parseId(ctx.params.id));
  if (!a) throw new HttpError(404, 'not_found', 'no such alert');
  await s.audit.append({ actor: principalOf(ctx).username, action: 'alert.view', target: a.id });
  return ok(a);
}

export async function guidance(ctx: Ctx): Promise<Reply> {
  const q = parseWith(ThemeQuery, { theme: ctx.params.theme });
  return ok({ theme: q.theme, guidance: guidanceFor(q.theme) });
}
