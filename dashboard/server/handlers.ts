import { ALL, RANGES, THEME_IDS } from '@trendwacht/shared';
import { z } from 'zod';
import { type ReadDeps, readOverview, readTimeline } from './queries';

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
