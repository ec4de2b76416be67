import { THEMES, type TenantSettings, type ThemeDef } from '@trendwacht/shared';
import { type RedisClient, type TenantKeys, readSettings } from '@trendwacht/shared/node';

/** The taxonomy with a tenant's watch terms added to the `local` theme (any language). */
export function withWatchTerms(terms: readonly string[], themes: readonly ThemeDef[] = THEMES): ThemeDef[] {
  if (terms.length === 0) return [...themes];
  return themes.map((t) => (t.id === 'local' ? { ...t, terms: { ...t.terms, any: [...t.terms.any, ...terms] } } : t));
}

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
