import { type TenantSettings, accountKeys } from '@trendwacht/shared';
import { type Config, type Logger, type RedisClient, connectRedis, tenantKeys } from '@trendwacht/shared/node';
import type { Worker } from 'bullmq';
import { createAnalyzer } from './analysis/pipeline';
import { batchWorker } from './batch-worker';
import type { NotifierOptions } from './notify/notifier';
import { RelevanceIndex } from './relevance/match';
import type { Retention } from './retention';
import { type PoolTenant, type StreamOutcome, createStreamProcessor } from './stream-batch';
import { type TenantRuntime, relevanceOf, startTenant } from './tenant-runtime';
import { SETTINGS_POLL_MS } from './tenant-settings';
import type { DetectorOptions } from './trends/detector-options';
import { warmUp } from './warm-up';

export type WorkerOptions = {
  config: Pick<Config, 'keyPrefix' | 'workerConcurrency' | 'workerLockMs' | 'workerStalledMs'> &
    Partial<Pick<Config, 'dataDir'>>;
  redisUrl: string;
  sealKey: Buffer;
  /** The tenant whose queue to work (when `tenants` is not given). */
  tenant: string;
  /**
   * One pool for many tenants: these (or `all` registered tenants, new ones picked up as
   * they are created), each with its own queue, settings, salts, detector and notifier.
   */
  tenants?: readonly string[] | 'all';
  /** Shared streams to read: each post analysed once, folded into every tenant it concerns. */
  streams?: readonly string[];
  log: Logger;
  retention?: Retention;
  now?: () => number;
  /** Run the trend detector (one per tenant is elected among the workers). Default on. */
  detector?: boolean;
  detectorOptions?: Partial<DetectorOptions>;
  /** k of a tenant that saved no settings (K_ANON). */
  defaultK?: number;
  /** Size each hourly term list is trimmed to (TERMS_PER_HOUR; default 500). */
  termsPerHour?: number;
  /** Alert notifications (on by default); `false` turns the sender off in this process. */
  notify?: Omit<NotifierOptions, 'redis' | 'connection' | 'keys' | 'log'> | false;
  /** How often the tenant list (`tenants: 'all'`) and each tenant's settings are read again (ms). */
  settingsPollMs?: number;
};

export type RunningWorker = { close(): Promise<void> };

/**
 * A worker pool: BullMQ workers on the queues of one or many tenants and of the shared
 * streams they listen to. Completed jobs are removed at once. Tenant settings are polled
 * and applied while running (terms, k, gazetteer…), and with `tenants: 'all'` a new tenant
 * is served from its creation on.
 */
export async function startWorker(opts: WorkerOptions): Promise<RunningWorker> {
  const redis = connectRedis(opts.redisUrl);
  const analyze = createAnalyzer();
  // Loaded now, not inside the first batch (whose push it would delay by seconds).
  warmUp(analyze);
  const runtimes = new Map<string, TenantRuntime>();
  // A Redis that lost its data lost the expiries too: every tenant sends them again.
  redis.on('ready', () => {
    for (const rt of runtimes.values()) rt.fold.expiries?.clear();
  });
  const settings = new Map<string, TenantSettings>();
  // The streams' relevance index, rebuilt when a listening tenant's gazetteer changes.
  let version = 0;
  const indexes = new Map<string, { version: number; index: RelevanceIndex; tenants: Map<string, PoolTenant> }>();
  const onSettings = (tenant: string, s: TenantSettings) => {
    const before = settings.get(tenant);
    settings.set(tenant, s);
    if (!before || JSON.stringify(relevanceOf(tenant, before)) !== JSON.stringify(relevanceOf(tenant, s))) version++;
    else if (JSON.stringify(before.streams) !== JSON.stringify(s.streams)) version++;
  };
  const listening = (stream: string) => {
    let cached = indexes.get(stream);
    if (!cached || cached.version !== version) {
      const tenants = new Map<string, PoolTenant>();
      for (const [id, rt] of runtimes) if (settings.get(id)?.streams.includes(stream)) tenants.set(id, rt.fold);
      const index = new RelevanceIndex(
        [...tenants.keys()].map((id) => relevanceOf(id, settings.get(id) as TenantSettings)),
      );
      cached = { version, index, tenants };
      indexes.set(stream, cached);
    }
    return cached;
  };

  const starting = new Map<string, Promise<void>>();
  const addTenant = (tenant: string) => {
    if (runtimes.has(tenant) || starting.has(tenant)) return starting.get(tenant);
    const keys = tenantKeys(opts.config.keyPrefix, tenant);
    const p = startTenant(opts, tenant, keys, redis, analyze, onSettings).then((rt) => {
      runtimes.set(tenant, rt);
      starting.delete(tenant);
      version++;
    });
    starting.set(tenant, p);
    return p;
  };
  const registered = async () => redis.hkeys(accountKeys(opts.config.keyPrefix).tenants);
  const initial = opts.tenants === 'all' ? await registered() : (opts.tenants ?? [opts.tenant]);
  await Promise.all(initial.map(addTenant));
  let poll: NodeJS.Timeout | null = null;
  if (opts.tenants === 'all') {
    poll = setInterval(() => {
      void registered()
        .then((ids) => Promise.all(ids.map(addTenant)))
        .catch((err) => opts.log.warn({ error: (err as Error).name }, 'tenant list unavailable'));
    }, opts.settingsPollMs ?? SETTINGS_POLL_MS);
    poll.unref();
  }

  const streamWorkers: { worker: Worker; connection: RedisClient }[] = [];
  for (const stream of opts.streams ?? []) {
    const keys = tenantKeys(opts.config.keyPrefix, stream);
    const process = createStreamProcessor({
      redis,
      sealKey: opts.sealKey,
      keys,
      tenants: () => listening(stream).tenants,
      relevance: () => listening(stream).index,
      ...(opts.now ? { now: opts.now } : {}),
    });
    const connection = connectRedis(opts.redisUrl);
    const w = batchWorker<StreamOutcome>(connection, keys.queuePrefix, opts.config, process);
    w.on('failed', (job, err) =>
      opts.log.warn({ stream, job: job?.id, attempts: job?.attemptsMade, error: err.message }, 'batch failed'),
    );
    w.on('error', (err) => opts.log.error({ stream, error: err.name }, 'worker error'));
    await w.waitUntilReady();
    streamWorkers.push({ worker: w, connection });
  }
  opts.log.info(
    { tenants: [...runtimes.keys()].length, streams: opts.streams ?? [], concurrency: opts.config.workerConcurrency },
    'worker ready',
  );
  return {
    close: async () => {
      if (poll) clearInterval(poll);
      await Promise.all(starting.values());
      await Promise.all(
        streamWorkers.map(async (s) => {
          await s.worker.close();
          await s.connection.quit().catch(() => undefined);
        }),
      );
      await Promise.all([...runtimes.values()].map((rt) => rt.close()));
      await redis.quit().catch(() => undefined);
    },
  };
}
