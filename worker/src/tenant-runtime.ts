import { DEFAULT_K, type NotifyTarget, SENSITIVITY_THRESHOLD, type TenantSettings } from '@trendwacht/shared';
import { type Logger, type RedisClient, type TenantKeys, connectRedis } from '@trendwacht/shared/node';
import { ANALYSIS_VERSION, createAnalyzer } from './analysis/pipeline';
import { ThemeMatcher } from './analysis/themes';
import { ExpiryMemo } from './apply';
import { AuthorHasher } from './authors';
import { batchWorker } from './batch-worker';
import { Notifier } from './notify/notifier';
import { type Analyze, type BatchOutcome, createBatchProcessor } from './process-batch';
import { RelevanceIndex, type RelevanceTenant } from './relevance/match';
import type { PoolTenant } from './stream-batch';
import { tenantTermsKey, watchSettings, withTenantTerms } from './tenant-settings';
import { TrendDetector } from './trends/detector';
import { startDetectorLoop } from './trends/loop';
import { NarrativeIndex } from './trends/narratives';
import type { WorkerOptions } from './worker';

/** What a relevance index needs of a tenant's settings. */
export const relevanceOf = (tenant: string, s: TenantSettings): RelevanceTenant => ({
  tenant,
  gazetteer: s.gazetteer,
  officials: s.officials,
  localSources: s.localSources,
});

export type TenantRuntime = {
  tenant: string;
  keys: TenantKeys;
  /** How the pool folds a shared stream's posts into this tenant. */
  fold: PoolTenant;
  settings: () => TenantSettings;
  close(): Promise<void>;
};

/**
 * Everything one tenant needs in a worker process, whatever else the process serves: its
 * settings (polled, applied as they change: k, officials, terms, gazetteer, sensitivity,
 * notification targets), salts, narratives, its own queue's worker, its trend detector and
 * notifier. The default analyzer is shared by every tenant without terms of its own.
 */
export async function startTenant(
  opts: WorkerOptions,
  tenant: string,
  keys: TenantKeys,
  redis: RedisClient,
  sharedAnalyze: Analyze,
  onSettings: (tenant: string, s: TenantSettings) => void,
): Promise<TenantRuntime> {
  const log: Logger = opts.log;
  let analyze: Analyze = sharedAnalyze;
  let tenantTerms = tenantTermsKey({ watchTerms: [], themeTerms: {} });
  let k = opts.defaultK ?? DEFAULT_K;
  let officials: ReadonlySet<string> = new Set();
  let relevance: RelevanceIndex | null = null;
  let relevanceKey = '';
  let settings: TenantSettings | null = null;
  const base = {
    keys,
    hasher: new AuthorHasher(redis, keys, opts.now, opts.config.dataDir),
    narratives: new NarrativeIndex(redis, keys, undefined, opts.now),
    expiries: new ExpiryMemo(),
    termsPerHour: opts.termsPerHour,
    k: () => k,
    officials: () => officials,
    ...(opts.retention ? { retention: opts.retention } : {}),
  };
  // The analyzer itself (not a wrapper): a stream batch analyses a post once per analyzer.
  const fold: PoolTenant = Object.defineProperty({ ...base }, 'analyze', { get: () => analyze }) as PoolTenant;
  const processBatch = createBatchProcessor({
    ...base,
    analyze: (input) => analyze(input),
    redis,
    sealKey: opts.sealKey,
    relevance: () => relevance,
    ...(opts.now ? { now: opts.now } : {}),
  });
  const connection = connectRedis(opts.redisUrl);
  const worker = batchWorker<BatchOutcome>(connection, keys.queuePrefix, opts.config, processBatch);
  worker.on('failed', (job, err) => {
    // err.message is a code from job-error.ts: safe to log.
    log.warn({ tenant, job: job?.id, attempts: job?.attemptsMade, error: err.message }, 'batch failed');
  });
  worker.on('error', (err) =>
    log.error({ tenant, error: err.name, code: (err as { code?: string }).code }, 'worker error'),
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
  const notifier = opts.notify === false ? null : new Notifier({ redis, connection, keys, log, ...opts.notify });
  await notifier?.ready();
  let targets: NotifyTarget[] = [];
  const stopSettings = await watchSettings(
    redis,
    keys,
    (s) => {
      settings = s;
      targets = s.notify;
      k = s.k;
      officials = new Set(s.officials.flatMap((name) => name.split(/\s+/)));
      const terms = tenantTermsKey(s);
      if (terms !== tenantTerms) {
        tenantTerms = terms;
        const own = s.watchTerms.length > 0 || Object.values(s.themeTerms).some((l) => l.length > 0);
        analyze = own ? createAnalyzer({ matcher: new ThemeMatcher(withTenantTerms(s)) }) : sharedAnalyze;
        const themeTerms = Object.values(s.themeTerms).reduce((n, list) => n + list.length, 0);
        log.info({ tenant, watchTerms: s.watchTerms.length, themeTerms }, 'tenant terms loaded');
      }
      const rel = relevanceOf(tenant, s);
      const key = JSON.stringify(rel);
      if (key !== relevanceKey) {
        relevanceKey = key;
        const index = new RelevanceIndex([rel]);
        relevance = index.filtering ? index : null;
        log.info({ tenant, filtering: index.filtering, localSources: s.localSources.length }, 'gazetteer loaded');
      }
      onSettings(tenant, s);
      // Explicit detector options (tests, replay) win over the tenant's settings.
      if (!opts.detectorOptions?.threshold)
        trend?.configure({ threshold: SENSITIVITY_THRESHOLD[s.sensitivity], k: s.k, timeZone: s.timeZone });
    },
    opts.defaultK,
    opts.settingsPollMs,
  );
  const detector = trend
    ? startDetectorLoop({
        redis,
        keys,
        log,
        detector: trend,
        ...(opts.now ? { now: opts.now } : {}),
        ...(notifier ? { onAlerts: (alerts) => notifier.alertsChanged(alerts, targets) } : {}),
      })
    : null;
  return {
    tenant,
    keys,
    fold,
    settings: () => settings as TenantSettings,
    close: async () => {
      stopSettings();
      await detector?.stop();
      await worker.close();
      await notifier?.close();
      await connection.quit().catch(() => undefined);
    },
  };
}
