import type { Granularity } from './enums';

/**
 * Redis key builders. Every key is `<root>:{<tenant>}:…`: the braces make the tenant a
 * Redis Cluster hash tag, so all of one tenant's keys (queue included) share a slot and a
 * batch's updates stay atomic. `root` defaults to `tw`; tests use a unique root each.
 */
export function tenantKeys(root: string, tenant: string) {
  assertName('tenant', tenant);
  const t = `${root}:{${tenant}}`;
  return {
    tenant,
    /** BullMQ `prefix`: queue keys become `<root>:{tenant}:<queue>:…`. */
    queuePrefix: t,
    /** Per-cell counters (hash): posts, lang:<l>, tone:<t>, toxic. */
    cell: (theme: string, g: Granularity, bucket: number) => `${t}:c:${g}:${theme}:${bucket}`,
    /** Distinct authors of a cell (HyperLogLog over salted author hashes). */
    cellAuthors: (theme: string, g: Granularity, bucket: number) => `${t}:a:${g}:${theme}:${bucket}`,
    /**
     * Distinct authors of one part of a cell (`lang:nl`, `src:webhook`, `toxic`…): a part is
     * shown only when its own authors reach k, not the cell's (HyperLogLog, like the cell's).
     */
    partAuthors: (series: string, field: string, g: Granularity, bucket: number) =>
      `${t}:pa:${g}:${series}:${field}:${bucket}`,
    /** Top terms of a theme in one hour (sorted set, trimmed to a fixed size). */
    terms: (theme: string, hour: number) => `${t}:terms:${theme}:${hour}`,
    /** Prefix of per-term author sketches; the term is appended (same hash tag). */
    termAuthorsPrefix: (theme: string, hour: number) => `${t}:ta:${theme}:${hour}:`,
    /** A narrative's centroid: its terms with summed weights (sorted set, trimmed). */
    narrativeCentroid: (id: string) => `${t}:nc:${id}`,
    /** A narrative's metadata (hash): theme, first, last, posts, parent, mergedInto. */
    narrativeMeta: (id: string) => `${t}:nm:${id}`,
    /** Active narratives of a theme, scored by their posts (sorted set). */
    narratives: (theme: string) => `${t}:nr:${theme}`,
    /** Active narratives of a theme, scored by last seen (sorted set). */
    narrativesRecent: (theme: string) => `${t}:nrr:${theme}`,
    /** Narratives of a theme analysts pinned: always clustering candidates, listed first (set). */
    narrativesPinned: (theme: string) => `${t}:nrp:${theme}`,
    /** Responses logged on a narrative (list of JSON: date, channel, note, by). */
    narrativeResponses: (id: string) => `${t}:nresp:${id}`,
    /** Alerts with their receipts (hash: alert id → JSON; status open or closed). */
    alerts: `${t}:alerts`,
    /** Alert ids by detection time (sorted set, trimmed with the hash). */
    alertsLog: `${t}:alerts:log`,
    /** The detector's leader lock: one detector per tenant, whatever the number of workers. */
    detectorLock: `${t}:detector:lock`,
    /** Idempotency marker of an applied batch. */
    batchMarker: (batchId: string) => `${t}:batch:${batchId}`,
    /** Daily HMAC salt for author hashing (`YYYY-MM-DD`). */
    salt: (day: string) => `${t}:salt:${day}`,
    /** Connector health by source name (hash: name → JSON, no secrets), reported by ingest. */
    sources: `${t}:sources`,
    /** Sources configured on the settings page (JSON array, no secrets: env var names only). */
    sourceConfig: `${t}:sources:config`,
    /** Sources configured in the config file, as the ingest runner last published them (JSON array). */
    sourceFile: `${t}:sources:file`,
    /** Counters: processed posts, drops and rejects by reason. */
    stats: `${t}:stats`,
    /** Pub/sub channel announcing applied batches. */
    events: `${t}:events`,
    /** Alert notifications' delivery status per target (hash: `<target>:<field>`; no URL, no body). */
    notifyStatus: `${t}:notify:status`,
    /** The tenant's settings (JSON string: k, sensitivity, watch terms, notification targets). */
    settings: `${t}:settings`,
    /** Incidents (hash: id → JSON, no post text) and their ids by last update (sorted set). */
    incidents: `${t}:incidents`,
    incidentsLog: `${t}:incidents:log`,
    /** The hash-chained audit log (list of JSON entries) and its head (`seq:hash`). */
    audit: `${t}:audit`,
    auditHead: `${t}:audit:head`,
    /** The last archived entry (`seq:hash`): the list in Redis continues the chain from it. */
    auditBase: `${t}:audit:base`,
  };
}
export type TenantKeys = ReturnType<typeof tenantKeys>;

/**
 * Keys of accounts, sessions and tokens, shared by all tenants: `<root>:{accounts}:…`
 * (one Redis Cluster slot). Session and token keys hold a SHA-256 of the secret, never
 * the secret itself.
 */
export function accountKeys(root: string) {
  const a = `${root}:{accounts}`;
  return {
    /** Tenants (hash: id → JSON {id, name, createdAt}). */
    tenants: `${a}:tenants`,
    /** Usernames (set); each user's record (hash: name, passwordHash, createdAt). */
    users: `${a}:users`,
    user: (username: string) => `${a}:user:${username}`,
    /** A tenant's members (hash: username → role) and a user's tenants (set). */
    members: (tenant: string) => `${a}:members:${tenant}`,
    userTenants: (username: string) => `${a}:ut:${username}`,
    /** A user's open sessions (set of digests), to end them all on a password change. */
    userSessions: (username: string) => `${a}:us:${username}`,
    /** A session (JSON string with TTL) by the SHA-256 of its cookie value. */
    session: (digest: string) => `${a}:sess:${digest}`,
    /** API tokens (hash: SHA-256 of the token → JSON {id, username, tenant, label, createdAt}). */
    tokens: `${a}:tokens`,
    /** Prefix of the login limiters' keys. */
    limiter: `${a}:rl`,
    /** The audit chain of events outside any tenant (logins, lock-outs). */
    audit: `${a}:audit`,
    auditHead: `${a}:audit:head`,
    auditBase: `${a}:audit:base`,
  };
}
export type AccountKeys = ReturnType<typeof accountKeys>;

/** The BullMQ queue name of a tenant's sealed batches. */
export const BATCH_QUEUE = 'batches';
/** BullMQ queue of alert notifications to send (one per tenant, under its prefix). */
export const NOTIFY_QUEUE = 'notify';

const NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/** Tenant and theme ids end up in keys: keep them to a safe alphabet. */
export function assertName(what: string, value: string): void {
  if (!NAME.test(value)) {
    throw new Error(`${what} must match ${NAME} (lowercase letters, digits, "_" or "-")`);
  }
}

/** Start of the bucket holding `ms` (UTC). */
export function bucketStart(ms: number, g: Granularity): number {
  const size = BUCKET_MS[g];
  return Math.floor(ms / size) * size;
}

export const BUCKET_MS: Record<Granularity, number> = {
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
};
