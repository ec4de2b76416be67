import { readFileSync } from 'node:fs';
import { KERMIS_INCIDENT, generateDay, generateHistory } from '@trendwacht/fixtures';
import {
  BatchProducer,
  type Deadline,
  type FileProgress,
  type IngestCounters,
  REDIS_WAIT_MS,
  RedisUnavailable,
  type Source,
  SourcesRunner,
  csvSource,
  jsonlSource,
  redisWhere,
  replaySource,
  runReported,
  sourceFromConfig,
  telegramFileSource,
  withDeadline,
} from '@trendwacht/ingest';
import {
  type Config,
  type SourceConfig,
  SourceConfigSchema,
  type SourcesFile,
  SourcesFileSchema,
  accountKeys,
  connectRedis,
  createLogger,
  readSecret,
  requireRedisUrl,
  requireSealKey,
  tenantKeys,
} from '@trendwacht/shared/node';
import { SingleBar } from 'cli-progress';
import { type Command, UsageError, intOption, parse } from '../command';
import { demoDayStart } from '../io';
import { onShutdown } from '../signals';

const USAGE = `Usage:
  trendwacht ingest replay [--speed N|max] [--backfill H] [--seed N] [--start ISO] [--history DAYS] [--tenant T]
  trendwacht ingest replay --incident-in MINUTES [--history DAYS] [--seed N] [--tenant T]
  trendwacht ingest file <posts.jsonl | posts.csv | -> [--format jsonl|csv] [--source NAME] [--quiet] [--tenant T]
  trendwacht ingest telegram <result.json> [--tenant T]
  trendwacht ingest mastodon --instance URL [--instance URL…] [--stream public|local|hashtag] [--tag T] [--transport sse|websocket]
  trendwacht ingest bluesky [--url wss://jetstream2.us-east.bsky.network]
  trendwacht ingest reddit --subreddit NAME [--subreddit NAME…] [--interval SECONDS] [--posts-only]
  trendwacht ingest feed URL [URL…] [--interval SECONDS]
  trendwacht ingest x [--rule QUERY…]
  trendwacht ingest sources [--config sources.json] [--tenant T] [--check SECONDS]
  (the webhook endpoint: trendwacht ingest-server)
  Every mode: [--redis-wait SECONDS] (default 60) gives up when Redis does not answer that long.

replay  plays the synthetic sample day (see \`trendwacht fixtures\`) onto the queue,
        keeping relative timing: --speed 60 plays an hour a minute (default), max as
        fast as the queue takes it. --backfill H plays the first H hours at once.
        --history DAYS first plays that many ordinary days before it, at once (the
        detector's baseline). --incident-in M places the day so that its incident starts
        M minutes from now: the past is played at once, the rest in real time — the
        detector sees the incident live (what \`trendwacht start\` does).
file    reads JSON Lines, one post a line ("-" for stdin):
          {"id","source"?,"text","lang"?,"createdAt","authorKey"?,"url"?,"tags"?}
        or CSV (a .csv file, or --format csv) with a header row naming those fields —
        id, text and createdAt at least; tags separated by spaces or semicolons.
        authorKey is the platform's author id: it is only ever hashed. A progress bar
        shows on a terminal (--quiet hides it).

telegram  imports a Telegram Desktop JSON export (\\xHH escapes repaired).
mastodon  streams public posts (SSE, or --transport websocket) from one or more instances;
          MASTODON_TOKEN (a user token with read scope) is sent to each. Gaps after a
          reconnect are filled over REST.
bluesky   the Jetstream firehose of app.bsky.feed.post, resumed with a cursor.
reddit    polls /r/<sub>/new and /r/<sub>/comments (--posts-only: posts alone; default
          every 60 s) with REDDIT_TOKEN, or with an app's
          REDDIT_CLIENT_ID and REDDIT_CLIENT_SECRET; rate-limit headers are honoured.
feed      polls RSS/Atom feeds with conditional GET (default every 300 s).
x         the X API v2 filtered stream; X_BEARER_TOKEN. --rule QUERY (repeatable) keeps
          the app's rules tagged "trendwacht" equal to these; without it rules stay as set.
sources   runs every enabled source of every tenant: those of the config file
          (--config or TRENDWACHT_SOURCES) and those added on the settings page,
          checking for changes every 30 s (--check).
Streams run until Ctrl-C; their health is reported to the dashboard (Instellingen).

Bad lines are rejected with a reason (printed to stderr, counted in Redis) and the run
goes on. Posts already queued (by an earlier import or run, within 3 days) are counted as
duplicates and not queued again; connectors resume from their saved cursors. When Redis
stops answering for --redis-wait seconds the run ends with an error naming Redis (exit 1);
Ctrl-C stops reading, sends what is read within 5 s, and exits (a second Ctrl-C at once).
Needs REDIS_URL and TRENDWACHT_SEAL_KEY.`;

/** A command line's source settings, checked by the same schema as the config file. */
function configured(input: Record<string, unknown>): SourceConfig {
  const r = SourceConfigSchema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new UsageError(`${issue?.path.join('.') ?? 'source'}: ${issue?.message ?? 'invalid'}`);
}

export const ingestCommand: Command = {
  name: 'ingest',
  summary: 'validate, batch, seal and queue posts (sample day, files, platforms, configured sources)',
  usage: USAGE,
  async run(args, config) {
    const { values, positionals } = parse(args, {
      speed: { type: 'string' },
      seed: { type: 'string' },
      start: { type: 'string' },
      backfill: { type: 'string' },
      source: { type: 'string' },
      format: { type: 'string' },
      quiet: { type: 'boolean' },
      tenant: { type: 'string' },
      instance: { type: 'string', multiple: true },
      stream: { type: 'string' },
      tag: { type: 'string' },
      transport: { type: 'string' },
      subreddit: { type: 'string', multiple: true },
      'posts-only': { type: 'boolean' },
      rule: { type: 'string', multiple: true },
      url: { type: 'string' },
      interval: { type: 'string' },
      config: { type: 'string' },
      check: { type: 'string' },
      history: { type: 'string' },
      'incident-in': { type: 'string' },
      'redis-wait': { type: 'string' },
    });
    const redisWaitMs = intOption('redis-wait', values['redis-wait'], REDIS_WAIT_MS / 1000) * 1000;
    if (redisWaitMs === 0) throw new UsageError('--redis-wait must be at least 1 second');
    const [mode, path] = positionals;
    const tenant = values.tenant ?? config.tenant;
    const interval = (def: number) => intOption('interval', values.interval, def);
    let source: Source;
    if (mode === 'sources') {
      return runSources(
        config,
        values.config ?? config.sourcesFile,
        values.tenant,
        intOption('check', values.check, 30),
      );
    }
    if (mode === 'replay') {
      const live = values['incident-in'] !== undefined;
      if (live && (values.start || values.backfill)) {
        throw new UsageError('--incident-in places the day itself: no --start or --backfill with it');
      }
      const speed = values.speed === 'max' ? Number.POSITIVE_INFINITY : intOption('speed', values.speed, live ? 1 : 60);
      if (speed === 0) throw new UsageError('--speed must be positive or "max"');
      const now = Date.now();
      const start = live
        ? now + intOption('incident-in', values['incident-in'], 5) * 60_000 - KERMIS_INCIDENT.at * 3_600_000
        : demoDayStart(values.start);
      const seed = intOption('seed', values.seed, 42);
      const history = generateHistory({ seed, start, days: intOption('history', values.history, 0) });
      const posts = [...history, ...generateDay({ seed, start })];
      const backfillUntil = live ? now : start + intOption('backfill', values.backfill, 0) * 3_600_000;
      source = replaySource(posts, { speed, name: 'fixture', backfillUntil });
    } else if (mode === 'file') {
      if (!path) throw new UsageError('ingest file needs a path (or - for stdin)');
      const format = values.format ?? (path.toLowerCase().endsWith('.csv') ? 'csv' : 'jsonl');
      if (format !== 'csv' && format !== 'jsonl') throw new UsageError('--format is jsonl or csv');
      const opts = values.source ? { name: values.source } : {};
      const file = format === 'csv' ? csvSource(path, opts) : jsonlSource(path, opts);
      return ingest(
        file,
        config,
        tenant,
        redisWaitMs,
        values.quiet || !process.stderr.isTTY ? undefined : file.progress,
      );
    } else if (mode === 'telegram') {
      if (!path) throw new UsageError('ingest telegram needs the path of result.json');
      source = telegramFileSource(path);
    } else if (mode === 'mastodon') {
      const kind = values.stream ?? 'public';
      if (!['public', 'local', 'hashtag'].includes(kind)) throw new UsageError('--stream is public, local or hashtag');
      const cfg = configured({
        id: 'mastodon',
        kind: 'mastodon',
        instances: values.instance ?? [],
        stream: kind,
        ...(values.tag ? { tag: values.tag } : {}),
        transport: values.transport ?? 'sse',
        ...(readSecret('MASTODON_TOKEN') ? { tokenEnv: 'MASTODON_TOKEN' } : {}),
      });
      if (cfg.kind === 'mastodon' && cfg.stream === 'hashtag' && !cfg.tag) {
        throw new UsageError('--stream hashtag needs --tag');
      }
      source = sourceFromConfig(cfg);
    } else if (mode === 'bluesky') {
      source = sourceFromConfig(
        configured({ id: 'bluesky', kind: 'bluesky', ...(values.url ? { url: values.url } : {}) }),
      );
    } else if (mode === 'reddit') {
      const token = readSecret('REDDIT_TOKEN');
      if (!token && !(readSecret('REDDIT_CLIENT_ID') && readSecret('REDDIT_CLIENT_SECRET'))) {
        throw new UsageError('ingest reddit needs REDDIT_TOKEN, or REDDIT_CLIENT_ID and REDDIT_CLIENT_SECRET');
      }
      source = sourceFromConfig(
        configured({
          id: 'reddit',
          kind: 'reddit',
          subreddits: values.subreddit ?? [],
          comments: !values['posts-only'],
          intervalSeconds: interval(60),
          ...(token
            ? { tokenEnv: 'REDDIT_TOKEN' }
            : { clientIdEnv: 'REDDIT_CLIENT_ID', clientSecretEnv: 'REDDIT_CLIENT_SECRET' }),
        }),
      );
    } else if (mode === 'feed') {
      source = sourceFromConfig(
        configured({ id: 'feed', kind: 'feed', urls: positionals.slice(1), intervalSeconds: interval(300) }),
      );
    } else if (mode === 'x') {
      if (!readSecret('X_BEARER_TOKEN')) throw new UsageError('ingest x needs X_BEARER_TOKEN in the environment');
      source = sourceFromConfig(configured({ id: 'x', kind: 'x', ...(values.rule ? { rules: values.rule } : {}) }));
    } else {
      throw new UsageError(
        mode
          ? `unknown ingest mode "${mode}"`
          : 'missing mode: replay, file, telegram, mastodon, bluesky, reddit, feed, x or sources',
      );
    }
    return ingest(source, config, tenant, redisWaitMs);
  },
};

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

async function ingest(
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

async function runSources(config: Config, file: string | undefined, only: string | undefined, checkSeconds: number) {
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
