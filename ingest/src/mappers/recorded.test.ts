import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REJECT_REASONS } from '@trendwacht/shared';
import { describe, expect, it } from 'vitest';
import { normalisePostInput } from '../post-input';
import { RECORDED_SAMPLES } from '../samples';
import { SseParser } from '../transport/sse';
import {
  type Mapped,
  feedDocument,
  jetstreamEvent,
  mapMastodonEvent,
  mapMastodonFrame,
  mastodonStatus,
  redditListing,
  repairTelegramJson,
  safeMap,
  telegramExport,
  xStreamLine,
} from './index';
import { tallyMapped } from './tally';

/**
 * The real recorded payloads in `../shared/samples` (beside the project in CI only; a
 * clone has none): every file of every platform is mapped, and each item becomes a post
 * the ingest edge accepts or a named rejection. The tallies are counts only — no text of
 * these payloads is kept here.
 */
const present = existsSync(RECORDED_SAMPLES);

function mapFile(dir: string, file: string, text: string): Mapped[] {
  const json = () => JSON.parse(text) as unknown;
  switch (dir) {
    case 'mastodon': {
      if (file.endsWith('.txt')) {
        return new SseParser()
          .push(`${text}\n\n`)
          .flatMap((m) => ('event' in m ? mapMastodonEvent(m.event, m.data) : []));
      }
      const v = json();
      return typeof v === 'object' && v !== null && 'event' in v ? mapMastodonFrame(text) : safeMap(mastodonStatus, v);
    }
    case 'bluesky-jetstream':
      if (file.endsWith('.jsonl')) {
        return text
          .split('\n')
          .filter(Boolean)
          .flatMap((l) => safeMap(jetstreamEvent, JSON.parse(l) as unknown));
      }
      return safeMap(jetstreamEvent, json());
    case 'telegram':
      return safeMap(telegramExport, JSON.parse(repairTelegramJson(text)) as unknown);
    case 'reddit':
      return safeMap(redditListing, json());
    case 'rss-atom':
      return safeMap(feedDocument, text);
    case 'x-twitter':
      return safeMap(xStreamLine, JSON.stringify(json()));
    default:
      throw new Error(`no mapper for ${dir}/${file}`);
  }
}

/** Posts and rejections per recorded file (a mapper change that moves one shows here). */
const EXPECTED: Record<string, Record<string, number>> = {
  'bluesky-jetstream/jetstream-v1-contiguous-window-152-events.jsonl': { deleted: 1, not_a_post: 134, post: 17 },
  'bluesky-jetstream/jetstream-v1-feed-post-and-identity-account-events.jsonl': { deleted: 1, not_a_post: 2, post: 17 },
  'bluesky-jetstream/jetstream-v1-golden-10-events.jsonl': { not_a_post: 9, post: 1 },
  'bluesky-jetstream/legacy-readme-options-update-message.json': { unmappable: 1 },
  'bluesky-jetstream/lexicon-app.bsky.feed.post.json': { unmappable: 1 },
  'mastodon/docs-sse-delete.txt': { deleted: 1 },
  'mastodon/docs-sse-hashtag-update.txt': { post: 1 },
  'mastodon/docs-sse-public-update.txt': { post: 1 },
  'mastodon/docs-sse-status-update-edit-with-tags.txt': { post: 1 },
  'mastodon/docs-status-entity-example.json': { post: 1 },
  'mastodon/docs-ws-delete.json': { deleted: 1 },
  'mastodon/docs-ws-public-update.json': { post: 1 },
  'mastodon/docs-ws-subscribe-request.json': { unmappable: 1 },
  'mastodon/mastodonpy-cassette-sse-user-stream.txt': { deleted: 1, not_a_post: 2, not_public: 1, post: 2 },
  'reddit/praw-2016-r-all-new-before-poll-4-children.json': { post: 4 },
  'reddit/praw-2021-user-submissions-sort-new-limit4.json': { post: 4 },
  'reddit/praw-2022-api-info-t1-comment-listing.json': { post: 1 },
  'reddit/praw-2022-api-info-t3-listing-1-child.json': { post: 1 },
  'reddit/praw-2026-r-popular-hot-children0.json': { unmappable: 1 },
  'rss-atom/feeddeck-mastodon-account.rss': { post: 1 },
  'rss-atom/feeddeck-mastodon-hashtag-kubernetes.rss': { post: 4 },
  'rss-atom/feeddeck-reddit-subreddit-atom.xml': { post: 5 },
  'rss-atom/feeddeck-tagesschau-atom.xml': { post: 2 },
  'rss-atom/feeddeck-tagesschau-rss1-rdf.xml': { post: 2 },
  'rss-atom/feeddeck-tagesschau-rss2.xml': { post: 3 },
  'rss-atom/rss-parser-heise.atom': { post: 15 },
  'telegram/kant2002-testparsing-complex-text-message.json': { post: 1 },
  'telegram/kant2002-testparsing-service-create-channel.json': { not_a_post: 1 },
  'telegram/kant2002-testparsing-simple-message-with-reactions.json': { post: 1 },
  'telegram/roboteam-telegram-json-ui-result.json': { not_a_post: 4, post: 8 },
  'x-twitter/gotwtr-filtered-stream-test-body.json': { post: 1 },
  'x-twitter/postman-filtered-stream-429.json': { unmappable: 1 },
  'x-twitter/postman-filtered-stream-add-rules-201.json': { unmappable: 1 },
  'x-twitter/postman-filtered-stream-retrieve-rules-200.json': { unmappable: 1 },
  'x-twitter/postman-recent-search-tweet-fields-expanded-users.json': { unmappable: 1 },
  'x-twitter/postman-tweet-lookup-deleted-tweet.json': { not_a_post: 1 },
  'x-twitter/postman-tweet-lookup-tweet-fields.json': { post: 1 },
  'x-twitter/xdocs-matching-rules-embedding-example.json': { post: 1 },
  'x-twitter/xdocs-quickstart-filtered-stream-event.json': { post: 1 },
};

const title = present
  ? 'mappers on every real recorded payload in ../shared/samples'
  : 'mappers on real recorded payloads: SKIPPED, ../shared/samples is absent (it is beside the project in CI only)';

describe.runIf(present)(title, () => {
  it('each item maps to a post the edge accepts or to a named rejection; tallies as recorded', () => {
    const reasons = new Set<string>(REJECT_REASONS);
    const got: Record<string, Record<string, number>> = {};
    const dirs = readdirSync(RECORDED_SAMPLES, { withFileTypes: true })
      .filter((d) => d.isDirectory() && d.name !== 'jsonl-webhook')
      .map((d) => d.name);
    expect(dirs.length).toBeGreaterThanOrEqual(6);
    for (const dir of dirs) {
      let posts = 0;
      for (const file of readdirSync(join(RECORDED_SAMPLES, dir)).filter((f) => !f.endsWith('.md'))) {
        const mapped = mapFile(dir, file, readFileSync(join(RECORDED_SAMPLES, dir, file), 'utf8'));
        for (const m of mapped) {
          if (!m.ok) expect(reasons.has(m.reason), `${dir}/${file}: ${m.reason}`).toBe(true);
          else {
            const edge = normalisePostInput(m.post, dir, Date.now());
            expect(edge.ok || edge.reason === 'text_empty', `${dir}/${file}`).toBe(true);
            posts++;
          }
        }
        got[`${dir}/${file}`] = tallyMapped(mapped);
      }
      expect(posts, `${dir}: no post at all`).toBeGreaterThan(0);
    }
    expect(got).toEqual(EXPECTED);
  });
});
