import { isObject } from '../mappers/mapped';
import { HttpStatus, retryAfterMs } from '../transport/backoff';

/** Rules Trendwacht created carry this tag; rules of the app with another tag are left alone. */
export const RULE_TAG = 'trendwacht';

export type RuleSync = { kept: number; added: number; deleted: number };

/**
 * Makes the app's filtered-stream rules tagged `trendwacht` equal the configured ones:
 * reads them (`GET /2/tweets/search/stream/rules`), deletes those no longer configured and
 * adds the missing ones (`POST …/rules`, one call each). Rules with other tags — set by
 * hand or by another tool on the same app — are never touched. X's answers name rejected
 * rules (`errors[].value`); those are reported by count, the rule text stays out of logs.
 */
export async function syncRules(
  base: string,
  bearer: string,
  /** Rules in X's query syntax, e.g. `(kermis OR jaarmarkt) Aalst lang:nl`. */
  rules: readonly string[],
  signal: AbortSignal,
): Promise<RuleSync> {
  const url = `${base.replace(/\/$/, '')}/2/tweets/search/stream/rules`;
  const headers = { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json' };
  const call = async (init: RequestInit): Promise<Record<string, unknown>> => {
    const res = await fetch(url, { ...init, headers, signal });
    if (!res.ok) throw new HttpStatus(res.status, retryAfterMs(res.headers.get('retry-after')));
    const body: unknown = await res.json();
    if (!isObject(body)) throw new Error('rules_response');
    const summary = isObject(body.meta) && isObject(body.meta.summary) ? body.meta.summary : {};
    if (Number(summary.invalid) > 0 || Number(summary.not_created) > 0) throw new Error('rules_rejected');
    return body;
  };
  const current = await call({ method: 'GET' });
  const ours = (Array.isArray(current.data) ? current.data : [])
    .filter(isObject)
    .filter((r) => r.tag === RULE_TAG && typeof r.id === 'string' && typeof r.value === 'string') as {
    id: string;
    value: string;
  }[];
  const wanted = new Set(rules.map((r) => r.trim()));
  const stale = ours.filter((r) => !wanted.has(r.value));
  const have = new Set(ours.map((r) => r.value));
  const missing = [...wanted].filter((v) => !have.has(v));
  if (stale.length > 0)
    await call({ method: 'POST', body: JSON.stringify({ delete: { ids: stale.map((r) => r.id) } }) });
  if (missing.length > 0) {
    await call({ method: 'POST', body: JSON.stringify({ add: missing.map((value) => ({ value, tag: RULE_TAG })) }) });
  }
  return { kept: ours.length - stale.length, added: missing.length, deleted: stale.length };
}
