import { z } from 'zod';
import { DEFAULT_K, MIN_K } from '../k-anon';
import { redisTarget } from './redis';

const int = (def: number, min = 0) => z.coerce.number().int().min(min).default(def);

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .superRefine((url, ctx) => {
      if (!/^rediss?:\/\//.test(url)) return; // named by the check above
      try {
        redisTarget(url);
      } catch (err) {
        ctx.addIssue({
          code: 'custom',
          message: err instanceof Error ? err.message.replace(/^REDIS_URL: /, '') : 'invalid',
        });
      }
    })
    .optional(),
  HOST: z.string().default('127.0.0.1'),
  PORT: int(8080, 0).refine((p) => p <= 65535, 'must be a port number (0-65535)'),
  TRENDWACHT_SEAL_KEY: z
    .string()
    .refine(
      (v) => decodeKey(v) !== null,
      'must be 32 bytes as 64 hex characters or base64 (generate one: openssl rand -hex 32)',
    )
    .optional(),
  TRENDWACHT_TENANT: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/)
    .default('demo'),
  TRENDWACHT_KEY_PREFIX: z
    .string()
    .regex(/^[a-z0-9_-]{1,32}$/)
    .default('tw'),
  TRENDWACHT_DATA_DIR: z.string().default('./data'),
  K_ANON: int(DEFAULT_K, MIN_K),
  BATCH_SIZE: int(1000, 1).refine((n) => n <= 5000, 'must be at most 5000'),
  BATCH_MS: int(250, 1),
  QUEUE_HIGH_WATER: int(200, 1),
  WORKER_CONCURRENCY: int(2, 1),
  WORKER_LOCK_MS: int(30_000, 1000),
  WORKER_STALLED_MS: int(30_000, 1000),
  TERMS_PER_HOUR: int(500, 50).refine((n) => n <= 100_000, 'must be at most 100000'),
  COOKIE_SECURE: z.enum(['true', 'false']).default('false'),
  TRUST_PROXY: z.string().optional(),
  METRICS_TOKEN: z.string().min(16, 'must have at least 16 characters').optional(),
  TRENDWACHT_SOURCES: z.string().min(1).optional(),
  TRENDWACHT_SECRETS_FILE: z.string().min(1).optional(),
  TRENDWACHT_PUBLIC_URL: z
    .string()
    .url('must be a URL')
    .refine((u) => /^https?:\/\//.test(u), 'must start with http:// or https://')
    .optional(),
  MASTODON_TOKEN: z.string().min(1).optional(),
  X_BEARER_TOKEN: z.string().min(1).optional(),
  REDDIT_TOKEN: z.string().min(1).optional(),
  REDDIT_CLIENT_ID: z.string().min(1).optional(),
  REDDIT_CLIENT_SECRET: z.string().min(1).optional(),
  TRENDWACHT_WEBHOOK_SECRETS: z
    .string()
    .regex(
      /^\s*[a-z0-9][a-z0-9_-]{0,62}=[^,\s]+(\s*,\s*[a-z0-9][a-z0-9_-]{0,62}=[^,\s]+)*\s*$/,
      'expected tenant=whsec_… pairs separated by commas',
    )
    .optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  redisUrl: string | undefined;
  host: string;
  port: number;
  sealKey: Buffer | undefined;
  tenant: string;
  keyPrefix: string;
  dataDir: string;
  k: number;
  batchSize: number;
  batchMs: number;
  queueHighWater: number;
  workerConcurrency: number;
  workerLockMs: number;
  workerStalledMs: number;
  /** Terms kept per theme and hour (each list is trimmed to this size after every batch). */
  termsPerHour: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** Mark the session cookie Secure (set behind an HTTPS proxy). */
  cookieSecure: boolean;
  /** Express `trust proxy` value (e.g. `loopback`, `10.0.0.0/8`, `1`). */
  trustProxy: string | undefined;
  /** Bearer token for /metrics (without one, only loopback clients may scrape). */
  metricsToken: string | undefined;
  /** The sources config file (tenant → sources); connectors read their secrets from the environment. */
  sourcesFile: string | undefined;
  /** The dashboard's address as users reach it (links in alert notifications). */
  publicUrl: string | undefined;
  /** Webhook signing secrets by tenant (`whsec_…`). */
  webhookSecrets: Record<string, string>;
};

/**
 * An operator's secret from the environment, by a name the operator chose (the
 * single-source commands: MASTODON_TOKEN…). Never logged or stored. Names that come from
 * a tenant's configuration go through `readTenantSecret` (./secrets), which refuses
 * anything outside the tenant's `TW_<TENANT>_…` namespace.
 */
export function readSecret(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env[name] || undefined;
}

/** This process's environment: the one place outside `loadConfig` callers that reads it. */
export const processEnv = (): NodeJS.ProcessEnv => process.env;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Parse configuration from the environment, once per process. Fails with one message
 * naming every bad variable (and never echoing secret values).
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    redisUrl: e.REDIS_URL,
    host: e.HOST,
    port: e.PORT,
    sealKey: e.TRENDWACHT_SEAL_KEY ? (decodeKey(e.TRENDWACHT_SEAL_KEY) ?? undefined) : undefined,
    tenant: e.TRENDWACHT_TENANT,
    keyPrefix: e.TRENDWACHT_KEY_PREFIX,
    dataDir: e.TRENDWACHT_DATA_DIR,
    k: e.K_ANON,
    batchSize: e.BATCH_SIZE,
    batchMs: e.BATCH_MS,
    queueHighWater: e.QUEUE_HIGH_WATER,
    workerConcurrency: e.WORKER_CONCURRENCY,
    workerLockMs: e.WORKER_LOCK_MS,
    workerStalledMs: e.WORKER_STALLED_MS,
    termsPerHour: e.TERMS_PER_HOUR,
    logLevel: e.LOG_LEVEL,
    cookieSecure: e.COOKIE_SECURE === 'true',
    trustProxy: e.TRUST_PROXY,
    metricsToken: e.METRICS_TOKEN,
    sourcesFile: e.TRENDWACHT_SOURCES,
    publicUrl: e.TRENDWACHT_PUBLIC_URL,
    webhookSecrets: Object.fromEntries(
      (e.TRENDWACHT_WEBHOOK_SECRETS ?? '')
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean)
        .map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]),
    ),
  };
}

/**
 * Whether the dashboard checks every answer against its route's response schema: under the
 * tests (vitest sets VITEST, also in the processes they start) or TRENDWACHT_CHECK_RESPONSES=1.
 */
export function responseChecksOn(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.VITEST !== undefined || env.TRENDWACHT_CHECK_RESPONSES === '1';
}

/** The seal key, or a clear error when a process that needs it has none. */
export function requireSealKey(config: Config): Buffer {
  if (!config.sealKey) {
    throw new ConfigError(
      'TRENDWACHT_SEAL_KEY is not set: ingest and worker need the same 32-byte key ' +
        '(generate one with: openssl rand -hex 32). `trendwacht start` makes one for you.',
    );
  }
  return config.sealKey;
}

/** The Redis URL, or a clear error for commands that need a running Redis. */
export function requireRedisUrl(config: Config): string {
  if (!config.redisUrl) {
    throw new ConfigError(
      'REDIS_URL is not set (e.g. REDIS_URL=redis://127.0.0.1:6379). ' +
        '`trendwacht start` starts a private Redis when none is configured.',
    );
  }
  return config.redisUrl;
}

/** Environment for a child process: this process's environment plus overrides. */
export function childEnv(overrides: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, DOTENV_CONFIG_QUIET: 'true', ...overrides };
}

function decodeKey(v: string): Buffer | null {
  const hex = /^[0-9a-fA-F]{64}$/.test(v) ? Buffer.from(v, 'hex') : null;
  const key = hex ?? Buffer.from(v, 'base64');
  return key.length === 32 ? key : null;
}
