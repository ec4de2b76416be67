import { generateDay } from '@trendwacht/fixtures';
import {
  BatchProducer,
  type IngestCounters,
  type Source,
  jsonlSource,
  replaySource,
  runIngest,
} from '@trendwacht/ingest';
import {
  type Config,
  connectRedis,
  createLogger,
  requireRedisUrl,
  requireSealKey,
  tenantKeys,
} from '@trendwacht/shared/node';
import { type Command, UsageError, intOption, parse } from '../command';
import { demoDayStart } from '../io';
import { onShutdown } from '../signals';

const USAGE = `Usage:
  trendwacht ingest replay [--speed N|max] [--backfill H] [--seed N] [--start ISO] [--tenant T]
  trendwacht ingest file <posts.jsonl | -> [--source NAME] [--tenant T]

replay  plays the synthetic sample day (see \`trendwacht fixtures\`) onto the queue,
        keeping relative timing: --speed 60 plays an hour a minute (default), max as
        fast as the queue takes it. --backfill H plays the first H hours at once.
file    reads JSON Lines, one post a line ("-" for stdin):
        {"id","source"?,"text","lang"?,"createdAt","authorKey"?,"url"?,"tags"?}
        authorKey is the platform's author id: it is only ever hashed.

Bad lines are rejected with a reason (printed to stderr, counted in Redis) and the run
goes on. Needs REDIS_URL and TRENDWACHT_SEAL_KEY.`;

export const ingestCommand: Command = {
  name: 'ingest',
  summary: 'validate, batch, seal and queue posts (replay of the sample day, or a JSONL file)',
  usage: USAGE,
  async run(args, config) {
    const { values, positionals } = parse(args, {
      speed: { type: 'string' },
      seed: { type: 'string' },
      start: { type: 'string' },
      backfill: { type: 'string' },
      source: { type: 'string' },
      tenant: { type: 'string' },
    });
    const [mode, path] = positionals;
    let source: Source;
    if (mode === 'replay') {
      const speed = values.speed === 'max' ? Number.POSITIVE_INFINITY : intOption('speed', values.speed, 60);
      if (speed === 0) throw new UsageError('--speed must be positive or "max"');
      const start = demoDayStart(values.start);
      const posts = generateDay({ seed: intOption('seed', values.seed, 42), start });
      const backfillUntil = start + intOption('backfill', values.backfill, 0) * 3_600_000;
      source = replaySource(posts, { speed, name: 'fixture', backfillUntil });
    } else if (mode === 'file') {
      if (!path) throw new UsageError('ingest file needs a path (or - for stdin)');
      source = jsonlSource(path, values.source ? { name: values.source } : {});
    } else {
      throw new UsageError(mode ? `unknown ingest mode "${mode}"` : 'missing mode: replay or file');
    }
    return ingest(source, config, values.tenant ?? config.tenant);
  },
};

async function ingest(source: Source, config: Config, tenant: string): Promise<number> {
  const log = createLogger('ingest', config.logLevel);
  const redisUrl = requireRedisUrl(config);
  const keys = tenantKeys(config.keyPrefix, tenant);
  const producer = new BatchProducer({
    redisUrl,
    keys,
    sealKey: requireSealKey(config),
    highWater: config.queueHighWater,
  });
  const stats = connectRedis(redisUrl);
  const abort = new AbortController();
  const off = onShutdown(() => abort.abort());
  let last: Record<string, number> = {};
  const report = async (c: IngestCounters) => {
    // Counters go to Redis as increments since the last report, so several runs add up.
    const fields = c.toFields(source.name);
    const pipe = stats.pipeline();
    for (const [f, n] of Object.entries(fields)) {
      const d = n - (last[f] ?? 0);
      if (d !== 0) pipe.hincrby(keys.stats, f, d);
    }
    last = fields;
    await pipe.exec();
  };
  log.info({ source: source.name, tenant }, 'ingest started');
  try {
    const counters = await runIngest(source, {
      send: (posts) => producer.send(posts),
      batchSize: config.batchSize,
      batchMs: config.batchMs,
      signal: abort.signal,
      onProgress: (c) => void report(c).catch(() => undefined),
    });
    await report(counters);
    for (const e of counters.examples) log.warn({ line: e.line, reason: e.reason }, e.detail);
    log.info(
      {
        received: counters.received,
        accepted: counters.accepted,
        duplicates: counters.duplicates,
        rejected: counters.rejected,
        backPressurePauses: producer.pauses,
      },
      'ingest finished',
    );
    return 0;
  } finally {
    off();
    await producer.close();
    await stats.quit().catch(() => undefined);
  }
}
