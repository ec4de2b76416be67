import { THEMES, type TenantSettings, type ThemeDef } from '@trendwacht/shared';
import { type RedisClient, type TenantKeys, readSettings } from '@trendwacht/shared/node';

/** What a tenant adds to the taxonomy: watch terms (`local`) and its own terms per theme. */
export type TenantTerms = Pick<TenantSettings, 'watchTerms' | 'themeTerms'>;

/** The taxonomy with a tenant's terms added to their themes (matched in any language). */
export function withTenantTerms(tenant: TenantTerms, themes: readonly ThemeDef[] = THEMES): ThemeDef[] {
  return themes.map((t) => {
    const extra = t.id === 'local' ? tenant.watchTerms : (tenant.themeTerms[t.id] ?? []);
    return extra.length === 0 ? t : { ...t, terms: { ...t.terms, any: [...t.terms.any, ...extra] } };
  });
}

/** A key that changes exactly when a tenant's terms do (to rebuild the analyzer only then). */
export const tenantTermsKey = (tenant: TenantTerms): string =>
  JSON.stringify([tenant.watchTerms, Object.entries(tenant.themeTerms).sort()]);

export const SETTINGS_POLL_MS = 15_000;

/**
 * Polls a tenant's settings and calls `apply` once at start and again whenever they
 * change (an admin saved the settings page). Returns a stop function.
 */
export async function watchSettings(
  redis: RedisClient,
  keys: TenantKeys,
  apply: (s: TenantSettings) => void,
  defaultK?: number,
  intervalMs = SETTINGS_POLL_MS,
): Promise<() => void> {
  let last = '';
  const check = async () => {
    const s = await readSettings(redis, keys, defaultK);
    const json = JSON.stringify(s);
    if (json !== last) {
      last = json;
      apply(s);
    }
  };
  await check();
  const timer = setInterval(() => void check().catch(() => undefined), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
