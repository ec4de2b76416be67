import type { Redis } from 'ioredis';
import type { TenantKeys } from '../keys';
import { DEFAULT_SETTINGS, type TenantSettings, TenantSettingsSchema } from '../settings';

/**
 * A tenant's settings; the defaults (k from K_ANON) when none were saved or the saved
 * value no longer parses.
 */
export async function readSettings(redis: Redis, keys: TenantKeys, defaultK?: number): Promise<TenantSettings> {
  const fallback = defaultK === undefined ? DEFAULT_SETTINGS : { ...DEFAULT_SETTINGS, k: defaultK };
  const raw = await redis.get(keys.settings);
  if (!raw) return fallback;
  try {
    const parsed = TenantSettingsSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

export async function writeSettings(redis: Redis, keys: TenantKeys, settings: TenantSettings): Promise<void> {
  const clean = TenantSettingsSchema.parse(settings);
  clean.watchTerms = [...new Set(clean.watchTerms)].sort();
  await redis.set(keys.settings, JSON.stringify(clean));
}
