import { readFileSync } from 'node:fs';
import {
  BatchProducer,
  type Deadline,
  type FileProgress,
  type IngestCounters,
  RedisUnavailable,
  type Source,
  SourcesRunner,
  redisWhere,
  runReported,
  withDeadline,
} from '@trendwacht/ingest';
import {
  type Config,
  type SourcesFile,
  SourcesFileSchema,
  accountKeys,
  connectRedis,
  createLogger,
  requireRedisUrl,
  requireSealKey,
  tenantKeys,
} from '@trendwacht/shared/node';
import { SingleBar } from 'cli-progress';
import { UsageError } from '../command';
import { onShutdown } from '../signals';

/** How `trendwacht ingest` runs a source: state in Redis, bounded waits on Redis, a two-step stop. */

function producerFor(config: Config, tenant: string, deadline?: Deadline): BatchProducer {
  return new BatchProducer({
    redisUrl: requireRedisUrl(config),
    keys: tenantKeys(config.keyPrefix, tenant),
    sealKey: requireSealKey(config),
    highWater: config.queueHighWater,
    ...(deadline ? { redisWaitMs: deadline.waitMs } : {}),
    ...(deadline?.stop ? { stop: deadline.stop } : {}),
  });
}

/** After Ctrl-C, what is read may still be sent for this long; then (or at a second Ctrl-C) waiting on Redis ends. */
const GRACE_MS = 5_000;

/**
 * Ctrl-C / SIGTERM in two steps: `soft` stops reading at once; `hard` aborts any wait on
 * Redis after the grace period or at the second signal, so the process always exits.
 */
function twoStepShutdown() {
  const soft = new AbortController();
  const hard = new AbortController();
  let grace: NodeJS.Timeout | undefined;
  const handler = () => {
    if (soft.signal.aborted) return hard.abort();
    soft.abort();
    grace = setTimeout(() => hard.abort(), GRACE_MS);
    grace.unref();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    soft: soft.signal,
    hard: hard.signal,
    off() {
      clearTimeout(grace);
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}

/** A progress bar on stderr for a file import (bytes read of the file's size). */
function progressBar(progress: () => FileProgress, counters: () => IngestCounters | null) {
  const bar = new SingleBar({
    format: ' {bar} {percentage}% | {posts} posts, {rejected} rejected | {eta_formatted} left',
    hideCursor: true,
    stream: process.stderr,
  });
  bar.start(Math.max(1, progress().total), 0, { posts: 0, rejected: 0 });
  const tick = () => {
    const c = counters();
    const rejected = c ? Object.values(c.rejected).reduce((a, n) => a + (n ?? 0), 0) : 0;
    bar.update(progress().done, { posts: c?.accepted ?? 0, rejected });
  };
  const timer = setInterval(tick, 200);
  return {
    stop() {
      clearInterval(timer);
      tick();
      bar.stop();
    },
  };
}

export async function ingest(
  source: Source,
  config: Config,
  tenant: string,
  redisWaitMs: number,
  progress?: () => FileProgress,
): Promise<number> {
  const log = createLogger('ingest', config.logLevel);
  const keys = tenantKeys(config.keyPrefix, tenant);
  const shutdown = twoStepShutdown();
  const url = requireRedisUrl(config);
  const deadline: Deadline = { waitMs: redisWaitMs, stop: shutdown.hard, where: redisWhere(url) };
  const producer = producerFor(config, tenant, deadline);
  const redis = connectRedis(url);
  let latest: IngestCounters | null = null;
  let redisGone = false;
  const bar = progress && progressBar(progress, () => latest);
  log.info({ source: source.name, tenant }, 'ingest started');
  try {
    const counters = await runReported(source, {
      label: source.name,
      redis,
      keys,
      send: (posts) => producer.send(posts),
      batchSize: config.batchSize,
      batchMs: config.batchMs,
      signal: shutdown.soft,
      sealKey: requireSealKey(config),
      deadline,
      onProgress: (c) => {
        latest = c;
      },
    });
    bar?.stop();
    for (const e of counters.examples) log.warn({ line: e.line, reason: e.reason }, e.detail);
    log.info(
      {
        received: counters.received,
        accepted: counters.accepted,
        duplicates: counters.duplicates,
        filtered: counters.filtered,
        rejected: counters.rejected,
        backPressurePauses: producer.pauses,
      },
      shutdown.soft.aborted ? 'ingest stopped' : 'ingest finished',
    );
    return 0;
  } catch (err) {
    if (!(err instanceof RedisUnavailable)) throw err;
    redisGone = true;
    bar?.stop();
    process.stderr.write(
      `trendwacht ingest: ${err.message}. Stopped; what was queued stays queued. Run it again when Redis answers: posts already queued are recognised and not counted twice.\n`,
    );
    return 1;
  } finally {
    bar?.stop();
    shutdown.off();
    await producer.close({ redisGone });
    if (redisGone) redis.disconnect();
    else await withDeadline(redis.quit(), { waitMs: 2_000 }, 'closing').catch(() => redis.disconnect());
  }
}

/** The sources config file, checked: errors name the tenant, the source's index and the field. */
export function loadSourcesFile(path: string): SourcesFile {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    const what = err instanceof SyntaxError ? 'is not valid JSON' : 'cannot be read';
    throw new UsageError(`sources file ${path} ${what}`);
  }
  const r = SourcesFileSchema.safeParse(json);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new UsageError(`sources file ${path}:\n${lines.join('\n')}`);
  }
  return r.data;
}

export async function runSources(
  config: Config,
  file: string | undefined,
  only: string | undefined,
  checkSeconds: number,
) {
  const log = createLogger('ingest', config.logLevel);
  const sources = file ? loadSourcesFile(file) : {};
  const redis = connectRedis(requireRedisUrl(config));
  const producers = new Map<string, BatchProducer>();
  const producer = (t: string) => {
    const p = producers.get(t) ?? producerFor(config, t);
    producers.set(t, p);
    return p;
  };
  const runner = new SourcesRunner({
    redis,
    keysOf: (t) => tenantKeys(config.keyPrefix, t),
    tenants: async () => (only ? [only] : redis.hkeys(accountKeys(config.keyPrefix).tenants)),
    file: only ? { ...(sources[only] ? { [only]: sources[only] } : {}) } : sources,
    send: (t, posts) => producer(t).send(posts),
    batchSize: config.batchSize,
    batchMs: config.batchMs,
    sealKey: requireSealKey(config),
    log,
  });
  const stopped = new Promise<void>((resolve) => {
    const off = onShutdown(() => {
      off();
      resolve();
    });
  });
  try {
    await runner.reconcile();
    log.info({ running: runner.active() }, 'sources running');
    for (;;) {
      const tick = new Promise<'tick'>((r) => setTimeout(() => r('tick'), checkSeconds * 1000).unref());
      if ((await Promise.race([stopped, tick])) !== 'tick') break;
      await runner.reconcile().catch((err: unknown) => log.warn({ error: String(err) }, 'checking sources failed'));
    }
  } finally {
    await runner.stop();
    await Promise.all([...producers.values()].map((p) => p.close()));
    await redis.quit().catch(() => undefined);
  }
  return 0;
}
