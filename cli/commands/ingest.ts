import { generateDay } from '@trendwacht/fixtures';
import {
  BatchProducer,
  type IngestCounters,
  type MastodonStream,
  type Source,
  feedPollSource,
  jetstreamSource,
  jsonlSource,
  mastodonSource,
  replaySource,
  runIngest,
  telegramFileSource,
  xStreamSource,
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
  trendwacht ingest telegram <result.json> [--tenant T]
  trendwacht ingest mastodon --instance URL [--instance URL…] [--stream public|local|hashtag] [--tag T]
  trendwacht ingest bluesky [--url wss://jetstream2.us-east.bsky.network]
  trendwacht ingest feed URL [URL…] [--interval SECONDS]
  trendwacht ingest x
  (the webhook endpoint: trendwacht ingest-server)

replay  plays the synthetic sample day (see \`trendwacht fixtures\`) onto the queue,
        keeping relative timing: --speed 60 plays an hour a minute (default), max as
        fast as the queue takes it. --backfill H plays the first H hours at once.
file    reads JSON Lines, one post a line ("-" for stdin):
        {"id","source"?,"text","lang"?,"createdAt","authorKey"?,"url"?,"tags"?}
        authorKey is the platform's author id: it is only ever hashed.

telegram  imports a Telegram Desktop JSON export (\\xHH escapes repaired).
mastodon  streams public posts (SSE) from one or more instances; MASTODON_TOKEN (a user
          token with read scope) is sent to each. Gaps after a reconnect are filled over REST.
bluesky   the Jetstream firehose of app.bsky.feed.post, resumed with a cursor.
feed      polls RSS/Atom feeds with conditional GET (default every 300 s).
x         the X API v2 filtered stream (rules are set on X); X_BEARER_TOKEN.
Streams run until Ctrl-C; their health is reported to the dashboard (Instellingen).

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
      instance: { type: 'string', multiple: true },
      stream: { type: 'string' },
      tag: { type: 'string' },
      url: { type: 'string' },
      interval: { type: 'string' },
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
    } else if (mode === 'telegram') {
      if (!path) throw new UsageError('ingest telegram needs the path of result.json');
      source = telegramFileSource(path);
    } else if (mode === 'mastodon') {
      const instances = values.instance ?? [];
      if (instances.length === 0) throw new UsageError('ingest mastodon needs --instance URL');
      const kind = values.stream ?? 'public';
      if (!['public', 'local', 'hashtag'].includes(kind)) throw new UsageError('--stream is public, local or hashtag');
      if (kind === 'hashtag' && !values.tag) throw new UsageError('--stream hashtag needs --tag');
      const token = config.mastodonToken;
      const streams: MastodonStream[] = instances.map((base) => ({
        base,
        stream: kind === 'local' ? 'public:local' : (kind as 'public' | 'hashtag'),
        ...(values.tag ? { tag: values.tag } : {}),
        ...(token ? { token } : {}),
      }));
      source = mastodonSource(streams);
    } else if (mode === 'bluesky') {
      source = jetstreamSource({ url: values.url ?? 'wss://jetstream2.us-east.bsky.network' });
    } else if (mode === 'feed') {
      const urls = positionals.slice(1);
      if (urls.length === 0) throw new UsageError('ingest feed needs at least one URL');
      source = feedPollSource(urls, { intervalMs: intOption('interval', values.interval, 300) * 1000 });
    } else if (mode === 'x') {
      const bearer = config.xBearerToken;
      if (!bearer) throw new UsageError('ingest x needs X_BEARER_TOKEN in the environment');
      source = xStreamSource({ bearer });
    } else {
      throw new UsageError(
        mode ? `unknown ingest mode "${mode}"` : 'missing mode: replay, file, telegram, mastodon, bluesky, feed or x',
      );
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
  // Connectors report their health (state, last item, lag, errors — no secrets) for the dashboard.
  const reportHealth = async () => {
    if (source.health) {
      await stats.hset(keys.sources, source.name, JSON.stringify({ ...source.health, reportedAt: Date.now() }));
    }
  };
  const healthTimer = setInterval(() => void reportHealth().catch(() => undefined), 5000);
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
    clearInterval(healthTimer);
    await reportHealth().catch(() => undefined);
    off();
    await producer.close();
    await stats.quit().catch(() => undefined);
  }
}
