import type { z } from 'zod';
import type { TenantKeys } from '../keys';
import { DEFAULT_SETTINGS, type TenantSettings, TenantSettingsSchema } from '../settings';
import { type SourceConfig, TenantSourcesSchema } from '../sources';
import type { RedisClient } from './redis';

/** A JSON value saved in Redis, or `fallback` when none was saved or it no longer parses. */
function parseStored<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, raw: string | null, fallback: T): T {
  if (!raw) return fallback;
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

/**
 * A tenant's settings; the defaults (k from K_ANON) when none were saved or the saved
 * value no longer parses.
 */
export async function readSettings(redis: RedisClient, keys: TenantKeys, defaultK?: number): Promise<TenantSettings> {
  const fallback = defaultK === undefined ? DEFAULT_SETTINGS : { ...DEFAULT_SETTINGS, k: defaultK };
  return parseStored(TenantSettingsSchema, await redis.get(keys.settings), fallback);
}

export async function writeSettings(redis: RedisClient, keys: TenantKeys, settings: TenantSettings): Promise<void> {
  const clean = TenantSettingsSchema.parse(settings);
  clean.watchTerms = [...new Set(clean.watchTerms)].sort();
  await redis.set(keys.settings, JSON.stringify(clean));
}

/** A tenant's sources: those of the config file (as ingest published them) and those of the settings page. */
export async function readSources(
  redis: RedisClient,
  keys: TenantKeys,
): Promise<{ file: SourceConfig[]; settings: SourceConfig[] }> {
  const [file, settings] = await redis.mget(keys.sourceFile, keys.sourceConfig);
  return {
    file: parseStored(TenantSourcesSchema, file ?? null, []),
    settings: parseStored(TenantSourcesSchema, settings ?? null, []),
  };
}

export async function writeSources(
  redis: RedisClient,
  keys: TenantKeys,
  origin: 'file' | 'settings',
  list: SourceConfig[],
): Promise<void> {
  const clean = TenantSourcesSchema.parse(list);
  await redis.set(origin === 'file' ? keys.sourceFile : keys.sourceConfig, JSON.stringify(clean));
}
