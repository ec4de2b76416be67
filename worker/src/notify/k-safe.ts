import { type Alert, MIN_K } from '@trendwacht/shared';
import type { Notice } from './message';

/**
 * What a notification may say of an alert, given the tenant's k. A notification leaves
 * Trendwacht (Teams, Slack, e-mail, a webhook) and cannot be taken back, so it is held
 * to k itself, whatever the receipt it is made from says:
 *   - an alert of fewer than k distinct authors is not sent at all (its counts, however
 *     rounded, describe a handful of people);
 *   - a term counted in fewer than k posts is left out (fewer posts than k cannot have
 *     k authors);
 *   - a language or source share under k is dropped rather than sent as a number.
 */
export function kSafeAlert(alert: Alert, k: number): Alert | null {
  const kk = Math.max(k, MIN_K);
  if (alert.distinctAuthors < kk || alert.observed < kk) return null;
  const atLeastK = (r: Record<string, number | null> | undefined) =>
    r ? Object.fromEntries(Object.entries(r).map(([key, n]) => [key, n !== null && n >= kk ? n : null])) : undefined;
  const lang = atLeastK(alert.lang);
  const sources = atLeastK(alert.sources);
  return {
    ...alert,
    terms: alert.terms.filter((t) => t.count >= kk),
    ...(lang ? { lang: lang as Alert['lang'] } : {}),
    ...(sources ? { sources } : {}),
  };
}

/** A notice with every alert made k-safe; null when nothing is left to send. */
export function kSafeNotice(n: Notice, k: number): Notice | null {
  if (n.kind === 'test') return n;
  if (n.kind === 'alert') {
    const alert = kSafeAlert(n.alert, k);
    return alert ? { ...n, alert } : null;
  }
  const items = n.items.flatMap((i) => {
    const alert = kSafeAlert(i.alert, k);
    return alert ? [{ ...i, alert }] : [];
  });
  return items.length > 0 ? { ...n, items } : null;
}
