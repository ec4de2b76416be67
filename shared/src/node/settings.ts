import type { Redis } from 'ioredis';
import type { TenantKeys } from '../keys';
import { DEFAULT_SETTINGS, type TenantSettings, TenantSettingsSchema } from '../settings';
import { type SourceConfig, TenantSourcesSchema } from '../sources';

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

/** A stored source list; empty when none was saved or it no longer parses. */
function parseSources(raw: string | null): SourceConfig[] {
  if (!raw) return [];
  try {
    const parsed = TenantSourcesSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

/** A tenant's sources: those of the config file (as ingest published them) and those of the settings page. */
export async function readSources(
  redis: Redis,
  keys: TenantKeys,
): Promise<{ file: SourceConfig[]; settings: SourceConfig[] }> {
  const [file, settings] = await redis.mget(keys.sourceFile, keys.sourceConfig);
  return { file: parseSources(file ?? null), settings: parseSources(settings ?? null) };
}

export async function writeSources(
  redis: Redis,
  keys: TenantKeys,
  origin: 'file' | 'settings',
  list: SourceConfig[],
): Promise<void> {
  const clean = TenantSourcesSchema.parse(list);
  await redis.set(origin === 'file' ? keys.sourceFile : keys.sourceConfig, JSON.stringify(clean));
}
