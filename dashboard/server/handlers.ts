import { ALL, RANGES, THEME_IDS, guidanceFor } from '@trendwacht/shared';
import { z } from 'zod';
import { type ReadDeps, readOverview, readTimeline } from './queries';
import { readAlert, readAlerts, readNarrative, readNarratives, readPerspectives } from './trend-queries';

/** A framework-free handler result; the Express adapter only sends it. */
export type Reply = { status: number; body: unknown };

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const RangeQuery = z.object({ range: z.enum(RANGES).default('day') });
const TimelineQuery = RangeQuery.extend({
  theme: z.enum([ALL, ...THEME_IDS]).default(ALL),
});

function parseQuery<T extends z.ZodTypeAny>(schema: T, query: unknown): z.infer<T> {
  const r = schema.safeParse(query);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new HttpError(400, 'bad_request', `${issue?.path.join('.') || 'query'}: ${issue?.message ?? 'invalid'}`);
  }
  return r.data;
}

export async function overviewHandler(d: ReadDeps, query: unknown): Promise<Reply> {
  const q = parseQuery(RangeQuery, query);
  return { status: 200, body: await readOverview(d, q.range) };
}

export async function timelineHandler(d: ReadDeps, query: unknown): Promise<Reply> {
  const q = parseQuery(TimelineQuery, query);
  return { status: 200, body: await readTimeline(d, q.theme, q.range) };
}

export async function healthHandler(d: Pick<ReadDeps, 'redis'>, version: string): Promise<Reply> {
  const up = await d.redis
    .ping()
    .then(() => true)
    .catch(() => false);
  return { status: up ? 200 : 503, body: { status: up ? 'ok' : 'degraded', redis: up ? 'up' : 'down', version } };
}

export async function statsHandler(d: ReadDeps): Promise<Reply> {
  const raw = await d.redis.hgetall(d.keys.stats);
  const stats: Record<string, number> = {};
  for (const [f, v] of Object.entries(raw)) stats[f] = Number(v);
  return { status: 200, body: { tenant: d.keys.tenant, stats } };
}

const AlertsQuery = z.object({
  status: z.enum(['open', 'all']).default('all'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
const ThemeQuery = z.object({ theme: z.enum(THEME_IDS) });
const Id = z.string().regex(/^[a-z0-9-]{1,40}$/, 'not an id');

function parseId(id: unknown): string {
  const r = Id.safeParse(id);
  if (!r.success) throw new HttpError(400, 'bad_request', 'id: not an id');
  return r.data;
}

export async function alertsHandler(d: ReadDeps, query: unknown): Promise<Reply> {
  const q = parseQuery(AlertsQuery, query);
  return { status: 200, body: { tenant: d.keys.tenant, k: d.k, alerts: await readAlerts(d, q.status, q.limit) } };
}

export async function alertHandler(d: ReadDeps, id: unknown): Promise<Reply> {
  const alert = await readAlert(d, parseId(id));
  if (!alert) throw new HttpError(404, 'not_found', 'no such alert');
  return { status: 200, body: alert };
}

export async function narrativesHandler(d: ReadDeps, query: unknown): Promise<Reply> {
  const q = parseQuery(ThemeQuery, query);
  return { status: 200, body: { theme: q.theme, k: d.k, narratives: await readNarratives(d, q.theme) } };
}

/** A narrative with its perspectives and the theme's response guidance. */
export async function narrativeHandler(d: ReadDeps, id: unknown): Promise<Reply> {
  const n = await readNarrative(d, parseId(id));
  // Unknown and "fewer than k authors" look the same from outside.
  if (!n) throw new HttpError(404, 'not_found', 'no such narrative (or fewer than k authors)');
  return {
    status: 200,
    body: { ...n, k: d.k, perspectives: await readPerspectives(d, n), guidance: guidanceFor(n.theme) },
  };
}

export async function guidanceHandler(theme: unknown): Promise<Reply> {
  const q = parseQuery(ThemeQuery, { theme });
  return { status: 200, body: { theme: q.theme, guidance: guidanceFor(q.theme) } };
}
