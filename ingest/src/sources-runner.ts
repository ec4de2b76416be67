import {
  type Post,
  type SourceConfig,
  type SourcesFile,
  type TenantKeys,
  inSecretNamespace,
  secretNamespaceMessage,
} from '@trendwacht/shared';
import { type RedisClient, readSources, readTenantSecret, writeSources } from '@trendwacht/shared/node';
import { type SecretLookup, SourceConfigError, sourceFromConfig } from './connectors/from-config';
import { runReported } from './reported-run';
import { type Source, newHealth } from './source';

type Log = {
  info(o: object, msg: string): void;
  warn(o: object, msg: string): void;
};

export type SourcesRunnerOptions = {
  redis: RedisClient;
  keysOf: (tenant: string) => TenantKeys;
  /** Tenants whose settings-page sources to run (the config file's tenants always run). */
  tenants: () => Promise<string[]>;
  /** The config file's sources, by tenant. */
  file: SourcesFile;
  send: (tenant: string, posts: Post[]) => Promise<unknown>;
  batchSize: number;
  batchMs: number;
  /** Keeps each source's cursors and queued ids in Redis (see `runReported`). */
  sealKey?: Buffer;
  /** Where secrets come from (default: the tenant's secrets, `readTenantSecret`); only `TW_<TENANT>_…` names are asked. */
  secret?: SecretLookup;
  log?: Log;
  /** Builds a connector (tests may pass their own). */
  create?: (cfg: SourceConfig, secret?: SecretLookup) => Source;
};

type Running = { fingerprint: string; tenant: string; id: string; stop?: AbortController; done?: Promise<void> };

const quiet: Log = { info: () => undefined, warn: () => undefined };

/**
 * Runs every enabled source of every tenant — from the config file and from the settings
 * page — and follows changes: `reconcile()` (every 30 s in the CLI) starts new sources,
 * restarts changed ones, stops disabled or removed ones (and drops a removed source's
 * health entry). A source that cannot start (a missing secret) shows the reason in its
 * health; a source that ends on its own is started again at the next reconcile.
 */
export class SourcesRunner {
  private readonly running = new Map<string, Running>();
  private readonly log: Log;

  constructor(private readonly o: SourcesRunnerOptions) {
    this.log = o.log ?? quiet;
  }

  /** Ids (`tenant/source`) of the sources running now. */
  active(): string[] {
    return [...this.running.entries()].filter(([, r]) => r.stop).map(([k]) => k);
  }

  async reconcile(): Promise<void> {
    const tenants = new Set([...Object.keys(this.o.file), ...(await this.o.tenants())]);
    const desired = new Map<string, { tenant: string; cfg: SourceConfig }>();
    for (const tenant of tenants) {
      const keys = this.o.keysOf(tenant);
      const fromFile = this.o.file[tenant] ?? [];
      if (this.o.file[tenant]) await writeSources(this.o.redis, keys, 'file', fromFile);
      const { settings } = await readSources(this.o.redis, keys);
      const fileIds = new Set(fromFile.map((s) => s.id));
      for (const cfg of [...fromFile, ...settings.filter((s) => !fileIds.has(s.id))]) {
        if (cfg.enabled) desired.set(`${tenant}/${cfg.id}`, { tenant, cfg });
      }
    }
    for (const [key, r] of this.running) {
      const want = desired.get(key);
      if (want && JSON.stringify(want.cfg) === r.fingerprint) continue;
      await this.stopOne(key, r);
      if (!want) await this.o.redis.hdel(this.o.keysOf(r.tenant).sources, r.id);
    }
    for (const [key, { tenant, cfg }] of desired) {
      if (!this.running.has(key)) await this.start(key, tenant, cfg);
    }
  }

  private async start(key: string, tenant: string, cfg: SourceConfig): Promise<void> {
    const keys = this.o.keysOf(tenant);
    const entry: Running = { fingerprint: JSON.stringify(cfg), tenant, id: cfg.id };
    this.running.set(key, entry);
    let source: Source;
    try {
      source = (this.o.create ?? sourceFromConfig)(cfg, this.scopedLookup(tenant, cfg.id));
    } catch (err) {
      if (!(err instanceof SourceConfigError)) throw err;
      this.log.warn({ tenant, source: cfg.id, reason: err.code }, err.message);
      const health = { ...newHealth('-'), state: 'stopped', lastError: err.code, reportedAt: Date.now() };
      await this.o.redis.hset(keys.sources, cfg.id, JSON.stringify(health));
      return; // stays "failed" until its configuration changes
    }
    const stop = new AbortController();
    entry.stop = stop;
    this.log.info({ tenant, source: cfg.id, kind: cfg.kind }, 'source started');
    entry.done = runReported(source, {
      label: cfg.id,
      redis: this.o.redis,
      keys,
      send: (posts) => this.o.send(tenant, posts),
      batchSize: this.o.batchSize,
      batchMs: this.o.batchMs,
      signal: stop.signal,
      ...(this.o.sealKey ? { sealKey: this.o.sealKey } : {}),
    }).then(
      (c) => {
        if (!stop.signal.aborted) this.ended(key, entry, 'ended');
        this.log.info({ tenant, source: cfg.id, accepted: c.accepted, rejected: c.rejected }, 'source stopped');
      },
      (err: unknown) => {
        this.ended(key, entry, 'failed');
        this.log.warn({ tenant, source: cfg.id, error: err instanceof Error ? err.name : 'error' }, 'source failed');
      },
    );
  }

  /**
   * A tenant's source reads only its tenant's secrets, whatever its stored configuration
   * says (validation refuses other names; this holds for old or hand-edited data too).
   */
  private scopedLookup(tenant: string, id: string): SecretLookup {
    return (name) => {
      if (!inSecretNamespace(tenant, name)) {
        throw new SourceConfigError(id, 'secret_refused', `source ${id}: ${name} ${secretNamespaceMessage(tenant)}`);
      }
      if (this.o.secret) return this.o.secret(name);
      try {
        return readTenantSecret(tenant, name);
      } catch (err) {
        // An unreadable secrets file stops this source, not the runner (its message names no value).
        throw new SourceConfigError(id, 'secrets_file', err instanceof Error ? err.message : 'secrets file');
      }
    };
  }

  /** A source that stopped by itself is forgotten, so the next reconcile starts it again. */
  private ended(key: string, entry: Running, how: string) {
    if (this.running.get(key) === entry) this.running.delete(key);
    this.log.warn({ tenant: entry.tenant, source: entry.id }, `source ${how} on its own; restarting at next check`);
  }

  private async stopOne(key: string, r: Running): Promise<void> {
    this.running.delete(key);
    r.stop?.abort();
    await r.done;
  }

  async stop(): Promise<void> {
    await Promise.all([...this.running.entries()].map(([k, r]) => this.stopOne(k, r)));
  }
}
