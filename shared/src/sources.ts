import { z } from 'zod';

/**
 * The sources a tenant reads, from a config file (`TRENDWACHT_SOURCES`) and from the
 * settings page. Secrets are never part of a source's configuration: a source names the
 * environment variable that holds its token (`tokenEnv`…), and the ingest process reads
 * it from its own environment.
 */
export const SOURCE_KINDS = ['mastodon', 'bluesky', 'reddit', 'feed', 'x', 'youtube', 'telegram'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** The name of an environment variable holding a secret (never the secret itself). */
export const SecretRef = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]{1,63}$/, 'must be the name of an environment variable (A-Z, 0-9, _), not the secret');

/**
 * The namespace of a tenant's secrets: `TW_<TENANT>_` (tenant id upper-cased, anything
 * but letters and digits as `_`). A tenant admin configures sources and notification
 * destinations, so the names they may use must never reach process-wide keys (the seal
 * key, REDIS_URL, webhook secrets) or another tenant's tokens. Tenant ids whose prefixes
 * overlap are refused when a tenant is created (`secretPrefixesOverlap`).
 */
export function secretPrefix(tenant: string): string {
  return `TW_${tenant.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_`;
}

/** Whether a tenant may name this variable: inside its namespace and a valid name. */
export function inSecretNamespace(tenant: string, name: string): boolean {
  const prefix = secretPrefix(tenant);
  return SecretRef.safeParse(name).success && name.startsWith(prefix) && name.length > prefix.length;
}

/** The message for a name outside the tenant's namespace (names the allowed prefix, never a value). */
export function secretNamespaceMessage(tenant: string): string {
  return `must name a variable of this tenant: ${secretPrefix(tenant)}… (process-wide variables are never readable by a tenant)`;
}

/** Two tenants whose namespaces would overlap (`gent` and `gent-x`: TW_GENT_X_… is in both). */
export function secretPrefixesOverlap(a: string, b: string): boolean {
  const pa = secretPrefix(a);
  const pb = secretPrefix(b);
  return pa.startsWith(pb) || pb.startsWith(pa);
}

const httpUrl = z
  .string()
  .trim()
  .url('must be a URL')
  .refine((u) => /^https?:\/\//.test(u), 'must start with http:// or https://')
  .refine((u) => !/^https?:\/\/[^/]*@/.test(u), 'must not hold a user name or password');

/** A word, place, postcode, hashtag or short phrase a broad stream is filtered on. */
const keyword = z
  .string()
  .trim()
  .min(2, 'a keyword has at least 2 characters')
  .max(100, 'a keyword has at most 100 characters');

const common = {
  /** Unique within the tenant; names the source's health and counters. */
  id: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9-]{0,39}$/,
      'must be 1-40 lowercase letters, digits or hyphens, starting with a letter or digit',
    ),
  enabled: z.boolean().default(true),
};

export const SourceConfigSchema = z.discriminatedUnion('kind', [
  z.object({
    ...common,
    kind: z.literal('mastodon'),
    instances: z.array(httpUrl).min(1, 'needs at least one instance').max(20),
    stream: z.enum(['public', 'local', 'hashtag']).default('public'),
    tag: z
      .string()
      .regex(/^[\p{L}\p{N}_]{1,100}$/u, 'must be a hashtag without #')
      .optional(),
    transport: z.enum(['sse', 'websocket']).default('sse'),
    tokenEnv: SecretRef.optional(),
  }),
  z.object({
    ...common,
    kind: z.literal('bluesky'),
    url: z
      .string()
      .url('must be a URL')
      .refine((u) => /^wss?:\/\//.test(u), 'must start with ws:// or wss://')
      .default('wss://jetstream2.us-east.bsky.network'),
    /**
     * Only posts naming one of these (the town, its sub-municipalities, postcodes, local
     * hashtags) are queued; the firehose's other posts are counted as filtered. Empty: all.
     */
    keywords: z.array(keyword).max(1000).default([]),
  }),
  z.object({
    ...common,
    kind: z.literal('reddit'),
    subreddits: z
      .array(z.string().regex(/^[A-Za-z0-9_]{2,21}$/, 'must be a subreddit name without r/'))
      .min(1, 'needs at least one subreddit')
      .max(50),
    intervalSeconds: z.number().int().min(10).max(3600).default(60),
    /** Also poll the subreddits' newest comments. */
    comments: z.boolean().default(true),
    /** Either a bearer token, or an app's client id and secret (application-only OAuth). */
    tokenEnv: SecretRef.optional(),
    clientIdEnv: SecretRef.optional(),
    clientSecretEnv: SecretRef.optional(),
  }),
  z.object({
    ...common,
    kind: z.literal('feed'),
    urls: z.array(httpUrl).min(1, 'needs at least one feed URL').max(100),
    intervalSeconds: z.number().int().min(60).max(86_400).default(300),
  }),
  z.object({
    ...common,
    kind: z.literal('x'),
    bearerEnv: SecretRef.default('X_BEARER_TOKEN'),
    /** Replay missed posts after a reconnect or restart (`backfill_minutes`; X Pro or Enterprise access). */
    backfill: z.boolean().default(false),
    /**
     * Filtered-stream rules in X's query syntax, kept on X tagged `trendwacht`; without
     * them the app's rules are left as set elsewhere.
     */
    rules: z
      .array(z.string().trim().min(1, 'a rule cannot be empty').max(512, 'a rule has at most 512 characters'))
      .max(1000)
      .optional(),
  }),
  z.object({
    ...common,
    kind: z.literal('youtube'),
    /** Channel ids (`UC…`): comments on all of the channel's videos. */
    channels: z
      .array(z.string().regex(/^UC[A-Za-z0-9_-]{22}$/, 'must be a channel id (UC followed by 22 characters)'))
      .max(50)
      .default([]),
    /** Video ids (11 characters): comments on these videos. */
    videos: z
      .array(z.string().regex(/^[A-Za-z0-9_-]{11}$/, 'must be a video id (11 characters)'))
      .max(200)
      .default([]),
    /** The API key (YouTube Data API v3), by the name of its variable. */
    keyEnv: SecretRef,
    intervalSeconds: z.number().int().min(60).max(86_400).default(900),
    /** Units this source may spend per day (a commentThreads page costs 1; the project's default quota is 10,000). */
    dailyQuota: z.number().int().min(10).max(1_000_000).default(5000),
  }),
  z.object({
    ...common,
    kind: z.literal('telegram'),
    /** Public channels by their username (as in t.me/<name>), read through the public web preview. */
    channels: z
      .array(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{3,31}$/, 'must be a public channel username (5-32 characters)'))
      .min(1, 'needs at least one channel')
      .max(100),
    intervalSeconds: z.number().int().min(60).max(86_400).default(300),
  }),
]);
export type SourceConfig = z.infer<typeof SourceConfigSchema>;

const uniqueIds = (list: { id: string }[]) => new Set(list.map((s) => s.id)).size === list.length;

/** A tenant's list of sources (what the settings page saves). */
export const TenantSourcesSchema = z
  .array(SourceConfigSchema)
  .max(50)
  .superRefine((list, ctx) => {
    for (const s of list) {
      if (s.kind === 'mastodon' && s.stream === 'hashtag' && !s.tag) {
        ctx.addIssue({ code: 'custom', path: [list.indexOf(s), 'tag'], message: 'a hashtag stream needs a tag' });
      }
      if (s.kind === 'reddit' && !s.tokenEnv && !(s.clientIdEnv && s.clientSecretEnv)) {
        ctx.addIssue({
          code: 'custom',
          path: [list.indexOf(s), 'tokenEnv'],
          message: 'needs tokenEnv, or clientIdEnv and clientSecretEnv',
        });
      }
      if (s.kind === 'youtube' && s.channels.length + s.videos.length === 0) {
        ctx.addIssue({ code: 'custom', path: [list.indexOf(s), 'channels'], message: 'needs a channel or a video' });
      }
    }
    if (!uniqueIds(list)) ctx.addIssue({ code: 'custom', message: 'source ids must be unique within a tenant' });
  });

/** Issues for every secret reference of a tenant's sources outside its namespace. */
export function foreignSourceSecrets(
  tenant: string,
  list: SourceConfig[],
): { path: (string | number)[]; message: string }[] {
  return list.flatMap((s, i) =>
    secretFields(s)
      .filter(([, name]) => !inSecretNamespace(tenant, name))
      .map(([field]) => ({ path: [i, field], message: secretNamespaceMessage(tenant) })),
  );
}

/** The config file: tenant → its sources (each naming only its own tenant's secrets). */
export const SourcesFileSchema = z
  .record(z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'must be a tenant id'), TenantSourcesSchema)
  .superRefine((file, ctx) => {
    for (const [tenant, list] of Object.entries(file)) {
      for (const issue of foreignSourceSecrets(tenant, list)) {
        ctx.addIssue({ code: 'custom', path: [tenant, ...issue.path], message: issue.message });
      }
    }
  });
export type SourcesFile = z.infer<typeof SourcesFileSchema>;

/** What the settings page shows: each source and where it is configured (file ones are read-only there). */
export type SourceListing = { source: SourceConfig; origin: 'file' | 'settings' };

/** The secret fields of a source and the variables they name. */
function secretFields(s: SourceConfig): [string, string][] {
  const pairs: [string, string | undefined][] =
    s.kind === 'mastodon'
      ? [['tokenEnv', s.tokenEnv]]
      : s.kind === 'reddit'
        ? [
            ['tokenEnv', s.tokenEnv],
            ['clientIdEnv', s.clientIdEnv],
            ['clientSecretEnv', s.clientSecretEnv],
          ]
        : s.kind === 'x'
          ? [['bearerEnv', s.bearerEnv]]
          : s.kind === 'youtube'
            ? [['keyEnv', s.keyEnv]]
            : [];
  return pairs.filter((p): p is [string, string] => !!p[1]);
}

/** The environment variables a source reads its secrets from. */
export function secretRefs(s: SourceConfig): string[] {
  return secretFields(s).map(([, name]) => name);
}
