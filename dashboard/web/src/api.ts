import { type Overview, OverviewSchema, type Range, type Timeline, TimelineSchema } from '@trendwacht/shared';
import type { z } from 'zod';

async function getJson<T extends z.ZodTypeAny>(url: string, schema: T): Promise<z.infer<T>> {
  const res = await fetch(url, { headers: { Accept: 'application/json' } });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const msg = (body as { error?: { message?: string } } | null)?.error?.message ?? `HTTP ${res.status}`;
    throw new Error(msg);
  }
  return schema.parse(body);
}

export const fetchOverview = (range: Range): Promise<Overview> =>
  getJson(`/api/overview?range=${range}`, OverviewSchema);

export const fetchTimeline = (theme: string, range: Range): Promise<Timeline> =>
  getJson(`/api/timeline?theme=${encodeURIComponent(theme)}&range=${range}`, TimelineSchema);
