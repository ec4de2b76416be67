import { KERMIS_INCIDENT, generateDay, generateHistory } from '@trendwacht/fixtures';
import {
  REDIS_WAIT_MS,
  type Source,
  csvSource,
  jsonlSource,
  replaySource,
  sourceFromConfig,
  telegramFileSource,
} from '@trendwacht/ingest';
import { type SourceConfig, SourceConfigSchema, readSecret } from '@trendwacht/shared/node';
import { type Command, UsageError, intOption, parse } from '../command';
import { demoDayStart } from '../io';
import { ingest, runSources } from './ingest-run';

const USAGE = `Usage:
  trendwacht ingest replay [--speed N|max] [--backfill H] [--seed N] [--start ISO] [--history DAYS] [--tenant T]
  trendwacht ingest replay --incident-in MINUTES [--history DAYS] [--seed N] [--tenant T]
  trendwacht ingest file <posts.jsonl | posts.csv | -> [--format jsonl|csv] [--source NAME] [--quiet] [--tenant T]
  trendwacht ingest telegram <result.json> [--tenant T]
  trendwacht ingest mastodon --instance URL [--instance URL…] [--stream public|local|hashtag] [--tag T] [--transport sse|websocket]
  trendwacht ingest bluesky [--url wss://jetstream2.us-east.bsky.network] [--keyword WORD…]
  trendwacht ingest reddit --subreddit NAME [--subreddit NAME…] [--interval SECONDS] [--posts-only]
  trendwacht ingest feed URL [URL…] [--interval SECONDS]
  trendwacht ingest x [--rule QUERY…]
  trendwacht ingest youtube [--channel UC…] [--video ID…] [--interval SECONDS] [--quota UNITS]
  trendwacht ingest telegram-channel NAME [NAME…] [--interval SECONDS]
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
bluesky   Jetstream, post records only (wantedCollections=app.bsky.feed.post), resumed from
          the saved time_us cursor; --keyword (repeatable: a place, postcode, hashtag or
          phrase) queues only the posts naming one of them, the rest counted as filtered.
reddit    polls /r/<sub>/new and /r/<sub>/comments (--posts-only: posts alone; default
          every 60 s) with REDDIT_TOKEN, or with an app's
          REDDIT_CLIENT_ID and REDDIT_CLIENT_SECRET; rate-limit headers are honoured.
feed      polls RSS/Atom feeds with conditional GET (default every 300 s).
x         the X API v2 filtered stream; X_BEARER_TOKEN. --rule QUERY (repeatable) keeps
          the app's rules tagged "trendwacht" equal to these; without it rules stay as set.
          Long posts are read whole (note_tweet).
youtube   comments on these channels' videos and on these videos (Data API v3
          commentThreads, YOUTUBE_API_KEY), every 900 s by default, spending at most
          --quota units a day (default 5000; a page costs 1).
telegram-channel  public Telegram channels through their web preview (t.me/s/NAME),
          every 300 s by default, resumed from the last post number taken.
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
      keyword: { type: 'string', multiple: true },
      channel: { type: 'string', multiple: true },
      video: { type: 'string', multiple: true },
      quota: { type: 'string' },
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
        configured({
          id: 'bluesky',
          kind: 'bluesky',
          ...(values.url ? { url: values.url } : {}),
          keywords: values.keyword ?? [],
        }),
      );
    } else if (mode === 'youtube') {
      if (!readSecret('YOUTUBE_API_KEY'))
        throw new UsageError('ingest youtube needs YOUTUBE_API_KEY in the environment');
      if (!values.channel?.length && !values.video?.length)
        throw new UsageError('ingest youtube needs --channel or --video');
      source = sourceFromConfig(
        configured({
          id: 'youtube',
          kind: 'youtube',
          channels: values.channel ?? [],
          videos: values.video ?? [],
          keyEnv: 'YOUTUBE_API_KEY',
          intervalSeconds: interval(900),
          dailyQuota: intOption('quota', values.quota, 5000),
        }),
      );
    } else if (mode === 'telegram-channel') {
      source = sourceFromConfig(
        configured({
          id: 'telegram',
          kind: 'telegram',
          channels: positionals.slice(1),
          intervalSeconds: interval(300),
        }),
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
          : 'missing mode: replay, file, telegram, telegram-channel, mastodon, bluesky, reddit, feed, x, youtube or sources',
      );
    }
    return ingest(source, config, tenant, redisWaitMs);
  },
};

export { loadSourcesFile } from './ingest-run';
