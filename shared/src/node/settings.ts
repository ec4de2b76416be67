import type { Redis } from 'ioredis';
import type { TenantKeys } from '../keys';
import { DEFAULT_SETTINGS, type TenantSettings, TenantSettingsSchema } from '../settings';

/** A tenant's settings; defaults when none were saved or the saved value no longer parses. */
export async function readSettings(redis: Redis, keys: TenantKeys): Promise<TenantSettings> {
  const raw = await redis.get(keys.settings);
  if (!raw) return DEFAULT_SETTINGS;
  try {
    const parsed = TenantSettingsSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : DEFAULT_SETTINGS;
  } catch {
    return DEFAULT_SETTINGS;
  }
}

export async function writeSettings(redis: Redis, keys: TenantKeys, settings: TenantSettings): Promise<void> {
  const clean = TenantSettingsSchema.parse(settings);
  clean.watchTerms = [...new Set(clean.watchTerms)].sort();
  await redis.set(keys.settings, JSON.stringify(clean));
}
