import type { Alert } from '@trendwacht/shared';
import type { ReadDeps } from './queries';

/** Alerts, newest first: open ones or all. Each was opened with ≥ k authors; its terms are k-anonymous. */
export async function readAlerts(d: ReadDeps, status: 'open' | 'all', limit: number): Promise<Alert[]> {
  const ids = await d.redis.zrevrange(d.keys.alertsLog, 0, Math.max(0, limit * (status === 'open' ? 5 : 1)) - 1);
  if (ids.length === 0) return [];
  const raw = await d.redis.hmget(d.keys.alerts, ...ids);
  const alerts = raw.filter((x): x is string => x !== null).map((x) => JSON.parse(x) as Alert);
  return alerts.filter((a) => status === 'all' || a.status === 'open').slice(0, limit);
}

export async function readAlert(d: ReadDeps, id: string): Promise<Alert | null> {
  const raw = await d.redis.hget(d.keys.alerts, id);
  return raw ? (JSON.parse(raw) as Alert) : null;
}

/** Narratives are read in ./narratives (titles, perspectives, curation). */
export { readNarrativeSummary as readNarrative } from './narratives/read';
