import { DEFAULT_K, type NotifyTarget, SENSITIVITY_THRESHOLD } from '@trendwacht/shared';
import { BATCH_QUEUE, type Config, type Logger, connectRedis, tenantKeys } from '@trendwacht/shared/node';
import { type Job, Worker } from 'bullmq';
import { ANALYSIS_VERSION, createAnalyzer } from './analysis/pipeline';
import { ThemeMatcher } from './analysis/themes';
import { ExpiryMemo } from './apply';
import { AuthorHasher } from './authors';
import { Notifier, type NotifierOptions } from './notify/notifier';
import { type BatchOutcome, createBatchProcessor } from './process-batch';
import type { Retention } from './retention';
import { tenantTermsKey, watchSettings, withTenantTerms } from './tenant-settings';
import { type DetectorOptions, TrendDetector } from './trends/detector';
import { startDetectorLoop } from './trends/loop';
import { NarrativeIndex } from './trends/narratives';

export type WorkerOptions = {
  config: Pick<Config, 'keyPrefix' | 'workerConcurrency' | 'workerLockMs' | 'workerStalledMs'> &
    Partial<Pick<Config, 'dataDir'>>;
  redisUrl: string;
  sealKey: Buffer;
  tenant: string;
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
};

export type RunningWorker = { worker: Worker; close(): Promise<void> };

/** A BullMQ worker on one tenant's batch queue. Completed jobs are removed at once. */
export async function startWorker(opts: WorkerOptions): Promise<RunningWorker> {
  const keys = tenantKeys(opts.config.keyPrefix, opts.tenant);
  const redis = connectRedis(opts.redisUrl);
  const narratives = new NarrativeIndex(redis, keys, undefined, opts.now);
  // Rebuilt when an admin changes the tenant's terms; batches in flight keep the one they started with.
  let analyze = createAnalyzer();
  const expiries = new ExpiryMemo();
  redis.on('ready', () => expiries.clear());
  let tenantTerms = '';
  // The vocabulary promotes a term at the tenant's k (kept current by watchSettings below).
  let k = opts.defaultK ?? DEFAULT_K;
  let officials: ReadonlySet<string> = new Set();
  const processBatch = createBatchProcessor({
    redis,
    keys,
    sealKey: opts.sealKey,
    analyze: (input) => analyze(input),
    expiries,
    termsPerHour: opts.termsPerHour,
    hasher: new AuthorHasher(redis, keys, opts.now, opts.config.dataDir),
    k: () => k,
    officials: () => officials,
    narratives,
    ...(opts.retention ? { retention: opts.retention } : {}),
    ...(opts.now ? { now: opts.now } : {}),
  });
  const connection = connectRedis(opts.redisUrl);
  const worker = new Worker<unknown, BatchOutcome>(BATCH_QUEUE, (job: Job) => processBatch(job.data), {
    connection,
    prefix: keys.queuePrefix,
    concurrency: opts.config.workerConcurrency,
    lockDuration: opts.config.workerLockMs,
    stalledInterval: opts.config.workerStalledMs,
    maxStalledCount: 5,
    removeOnComplete: { count: 0 },
    removeOnFail: { age: 7 * 86_400, count: 1000 },
  });
  worker.on('failed', (job, err) => {
    // err.message is a code from job-error.ts: safe to log.
    opts.log.warn({ job: job?.id, attempts: job?.attemptsMade, error: err.message }, 'batch failed');
  });
  worker.on('error', (err) =>
    opts.log.error({ error: err.name, code: (err as { code?: string }).code }, 'worker error'),
  );
  await worker.waitUntilReady();
  const trend =
    opts.detector === false
      ? null
      : new TrendDetector({
          redis,
          keys,
          analysisVersion: ANALYSIS_VERSION,
          narratives: new NarrativeIndex(redis, keys, undefined, opts.now),
          ...(opts.detectorOptions ? { options: opts.detectorOptions } : {}),
        });
  const notifier =
    opts.notify === false ? null : new Notifier({ redis, connection, keys, log: opts.log, ...opts.notify });
  await notifier?.ready();
  let targets: NotifyTarget[] = [];
  const stopSettings = await watchSettings(
    redis,
    keys,
    (s) => {
      targets = s.notify;
      k = s.k;
      officials = new Set(s.officials.flatMap((name) => name.split(/\s+/)));
      const terms = tenantTermsKey(s);
      if (terms !== tenantTerms) {
        tenantTerms = terms;
        analyze = createAnalyzer({ matcher: new ThemeMatcher(withTenantTerms(s)) });
        const themeTerms = Object.values(s.themeTerms).reduce((n, list) => n + list.length, 0);
        opts.log.info({ tenant: opts.tenant, watchTerms: s.watchTerms.length, themeTerms }, 'tenant terms loaded');
      }
      // Explicit detector options (tests, replay) win over the tenant's settings.
      if (!opts.detectorOptions?.threshold)
        trend?.configure({ threshold: SENSITIVITY_THRESHOLD[s.sensitivity], k: s.k });
    },
    opts.defaultK,
  );
  const detector = trend
    ? startDetectorLoop({
        redis,
        keys,
        log: opts.log,
        detector: trend,
        ...(opts.now ? { now: opts.now } : {}),
        ...(notifier ? { onAlerts: (alerts) => notifier.alertsChanged(alerts, targets) } : {}),
      })
    : null;
  opts.log.info({ tenant: opts.tenant, concurrency: opts.config.workerConcurrency }, 'worker ready');
  return {
    worker,
    close: async () => {
      stopSettings();
      await detector?.stop();
      await worker.close();
      await notifier?.close();
      // BullMQ leaves a connection it was given open.
      await Promise.all([redis.quit(), connection.quit()].map((p) => p.catch(() => undefined)));
    },
  };
}
