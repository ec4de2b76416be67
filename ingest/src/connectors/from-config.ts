import type { SourceConfig } from '@trendwacht/shared';
import { readSecret } from '@trendwacht/shared/node';
import type { ConnectorHealth, Source } from '../source';
import { feedPollSource } from './feed-poll';
import { jetstreamSource } from './jetstream';
import { mastodonSource } from './mastodon';
import { redditPollSource } from './reddit-poll';
import { telegramWebSource } from './telegram-web';
import { xStreamSource } from './x-stream';
import { youtubeSource } from './youtube';

/** Where a source's secrets come from: the environment (`readSecret`), or a test's own. */
export type SecretLookup = (name: string) => string | undefined;

/** A source that cannot start: names the source and what is missing (never a secret's value). */
export class SourceConfigError extends Error {
  constructor(
    readonly sourceId: string,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The connector for a configured source. Secrets come from the environment variables the
 * configuration names; a missing one is a `SourceConfigError`.
 */
export function sourceFromConfig(
  cfg: SourceConfig,
  lookup: SecretLookup = readSecret,
): Source & { health: ConnectorHealth } {
  const secret = (name: string) => {
    const v = lookup(name);
    if (!v) {
      throw new SourceConfigError(
        cfg.id,
        'secret_missing',
        `source ${cfg.id}: environment variable ${name} is not set`,
      );
    }
    return v;
  };
  switch (cfg.kind) {
    case 'mastodon': {
      const token = cfg.tokenEnv ? secret(cfg.tokenEnv) : undefined;
      return mastodonSource(
        cfg.instances.map((base) => ({
          base,
          stream: cfg.stream === 'local' ? 'public:local' : cfg.stream,
          ...(cfg.tag ? { tag: cfg.tag } : {}),
          ...(token ? { token } : {}),
        })),
        { transport: cfg.transport },
      );
    }
    case 'bluesky':
      return jetstreamSource({ url: cfg.url, keywords: cfg.keywords });
    case 'reddit':
      return redditPollSource({
        subreddits: cfg.subreddits,
        comments: cfg.comments,
        auth: cfg.tokenEnv
          ? { token: secret(cfg.tokenEnv) }
          : {
              clientId: secret(cfg.clientIdEnv ?? 'REDDIT_CLIENT_ID'),
              clientSecret: secret(cfg.clientSecretEnv ?? 'REDDIT_CLIENT_SECRET'),
            },
        intervalMs: cfg.intervalSeconds * 1000,
      });
    case 'feed':
      return feedPollSource(cfg.urls, { intervalMs: cfg.intervalSeconds * 1000 });
    case 'x':
      return xStreamSource({
        bearer: secret(cfg.bearerEnv),
        ...(cfg.rules ? { rules: cfg.rules } : {}),
        backfill: cfg.backfill,
      });
    case 'youtube':
      return youtubeSource({
        channels: cfg.channels,
        videos: cfg.videos,
        key: secret(cfg.keyEnv),
        intervalMs: cfg.intervalSeconds * 1000,
        dailyQuota: cfg.dailyQuota,
      });
    case 'telegram':
      return telegramWebSource({ channels: cfg.channels, intervalMs: cfg.intervalSeconds * 1000 });
  }
}
