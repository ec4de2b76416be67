import { RedisCursorStore, youtubeSource } from '@trendwacht/ingest';
import { afterAll, describe, expect, it } from 'vitest';
import { replayServer } from '../ingest/src/connectors/replay-server';
import { quotaDay } from '../ingest/src/connectors/youtube';
import { dropRoot, sealKey, testKeys, testRedis, uniqueRoot, waitFor } from './helpers';
import { sourceRuns } from './ingest-runs';

/**
 * Issue 20 item 1: YouTube comments (Data API v3 `commentThreads.list`) on the channels and
 * videos a tenant lists — paged back to the saved cursor after a restart, within a daily
 * quota. The responses are our own, in the documented `commentThreadListResponse` shape.
 */
const root = uniqueRoot();
const keys = testKeys(root);
const redis = testRedis();
afterAll(async () => {
  await dropRoot(redis, root);
  await redis.quit();
});

const VIDEO = 'gemRaad2026';
const CLOSED = 'geenReactie';
const CHANNEL = `UC${'stadNieuwsKanaal12345'.padEnd(22, 'x')}`;
const T0 = Date.UTC(2026, 10, 20, 18, 0);
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

type Thread = { id: string; at: number; replies: number };
const comment = (id: string, at: number, text: string, parentId?: string) => ({
  kind: 'youtube#comment',
  etag: `e-${id}`,
  id,
  snippet: {
    channelId: CHANNEL,
    videoId: VIDEO,
    textDisplay: text,
    textOriginal: text,
    ...(parentId ? { parentId } : {}),
    authorDisplayName: `@kijker${id.length}`,
    authorProfileImageUrl: 'https://yt3.example/x.jpg',
    authorChannelUrl: 'http://www.youtube.com/@kijker',
    authorChannelId: { value: `UCkijker${id}` },
    canRate: true,
    viewerRating: 'none',
    likeCount: 0,
    publishedAt: iso(at),
    updatedAt: iso(at),
  },
});
const thread = (t: Thread) => ({
  kind: 'youtube#commentThread',
  etag: `e-${t.id}`,
  id: t.id,
  snippet: {
    channelId: CHANNEL,
    videoId: VIDEO,
    topLevelComment: comment(t.id, t.at, `Goede vraag over het parkeerplan #gemeenteraad (${t.id})`),
    canReply: true,
    totalReplyCount: t.replies,
    isPublic: true,
  },
  ...(t.replies
    ? {
        replies: {
          comments: Array.from({ length: t.replies }, (_, r) =>
            comment(
              `${t.id}.r${r}`,
              t.at + (r + 1) * 1000,
              `Akkoord, de bewonersvergadering was duidelijk (${r})`,
              t.id,
            ),
          ),
        },
      }
    : {}),
});

describe('YouTube comment threads, polled within a quota', () => {
  it('takes the newest page, then after a restart pages back to its cursor; disabled comments are left alone', async () => {
    // Newest first, as order=time lists them.
    let threads: Thread[] = Array.from({ length: 5 }, (_, i) => ({
      id: `Ugw${100 + i}`,
      at: T0 - i * 60_000,
      replies: i % 2,
    }));
    const asked: URLSearchParams[] = [];
    const srv = await replayServer({
      '/youtube/v3/commentThreads': (req, res) => {
        const q = new URL(req.url ?? '', 'http://x').searchParams;
        asked.push(q);
        const json = (status: number, body: unknown) =>
          res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
        if (q.get('key') !== 'yt-sleutel')
          return json(400, { error: { code: 400, errors: [{ reason: 'keyInvalid' }] } });
        if (q.get('videoId') === CLOSED) {
          return json(403, {
            error: {
              code: 403,
              message: 'disabled',
              errors: [{ domain: 'youtube.commentThread', reason: 'commentsDisabled' }],
            },
          });
        }
        const start = Number(q.get('pageToken') ?? 0);
        const size = 3; // small pages, to see paging
        const items = threads.slice(start, start + size).map(thread);
        const more = start + size < threads.length;
        json(200, {
          kind: 'youtube#commentThreadListResponse',
          etag: 'e',
          ...(more ? { nextPageToken: String(start + size) } : {}),
          pageInfo: { totalResults: threads.length, resultsPerPage: size },
          items,
        });
      },
    });
    const runs = sourceRuns(redis, keys, 'yt-raad');
    const source = () =>
      youtubeSource({
        channels: [],
        videos: [VIDEO, CLOSED],
        key: 'yt-sleutel',
        base: srv.url,
        intervalMs: 60_000,
        dailyQuota: 10_000,
        backoff: { baseMs: 10, maxMs: 20 },
      });
    try {
      const first = runs.start(source());
      await runs.savedWhen((s) => s[`since:${VIDEO}`] === String(T0), 'the first cursor');
      const c1 = await first.stop();
      // The newest page only: three threads and the replies they carry.
      expect(runs.queued.map((p) => p.id)).toEqual([
        'youtube:Ugw100',
        'youtube:Ugw101',
        'youtube:Ugw101.r0',
        'youtube:Ugw102',
      ]);
      expect(asked[0]?.get('part')).toBe('snippet,replies');
      expect(asked[0]?.get('order')).toBe('time');
      expect(asked[0]?.get('textFormat')).toBe('plainText');
      expect(c1.accepted).toBe(4);

      // Seven new threads while the poller was down.
      threads = [
        ...Array.from({ length: 7 }, (_, i) => ({ id: `Ugw${200 + i}`, at: T0 + (7 - i) * 60_000, replies: 0 })),
        ...threads,
      ];
      const before = asked.length;
      const second = runs.start(source());
      await waitFor(() => runs.queued.length >= 11, 15_000, 'the new threads');
      await new Promise((r) => setTimeout(r, 150));
      const c2 = await second.stop();
      const pages = asked.slice(before).filter((q) => q.get('videoId') === VIDEO);
      expect(pages.map((q) => q.get('pageToken'))).toEqual([null, '3', '6']); // back to the cursor, no further
      expect(runs.queued.slice(4).map((p) => p.id)).toEqual(
        Array.from({ length: 7 }, (_, i) => `youtube:Ugw${200 + i}`),
      );
      expect(c2.accepted).toBe(7);
      expect(runs.queued[4]).toMatchObject({
        authorKey: 'UCkijkerUgw200',
        tags: ['gemeenteraad'],
        createdAt: T0 + 7 * 60_000,
      });
      // The video with comments disabled was asked once per run, then left alone (health says why).
      expect(asked.filter((q) => q.get('videoId') === CLOSED)).toHaveLength(2);
      // The units spent today (2 + 1 on run one, 3 + 1 on run two) are part of the saved state.
      expect((await runs.saved())[`quota:${quotaDay(Date.now()).day}`]).toBe('6');
    } finally {
      await srv.close();
    }
  });

  it('never spends more than its daily quota, and stops for the day on quotaExceeded', async () => {
    let calls = 0;
    let exceeded = 0;
    const srv = await replayServer({
      '/youtube/v3/commentThreads': (req, res) => {
        const q = new URL(req.url ?? '', 'http://x').searchParams;
        if (q.get('allThreadsRelatedToChannelId') === CHANNEL) {
          exceeded++;
          return void res
            .writeHead(403, { 'Content-Type': 'application/json' })
            .end(
              JSON.stringify({ error: { code: 403, errors: [{ domain: 'youtube.quota', reason: 'quotaExceeded' }] } }),
            );
        }
        calls++;
        res.writeHead(200, { 'Content-Type': 'application/json' });
        const n = Number(q.get('pageToken') ?? 0);
        res.end(
          JSON.stringify({
            kind: 'youtube#commentThreadListResponse',
            nextPageToken: String(n + 1),
            items: [thread({ id: `UgQ${n}`, at: T0 - n * 1000, replies: 0 })],
          }),
        );
      },
    });
    // A cursor far back, so the poll would page back through many pages.
    await new RedisCursorStore(redis, keys, 'yt-budget', sealKey).save({ [`since:${VIDEO}`]: String(T0 - 3_600_000) });
    const budget = youtubeSource({
      channels: [],
      videos: [VIDEO],
      key: 'k',
      base: srv.url,
      intervalMs: 60_000,
      dailyQuota: 3,
      maxPages: 50,
    });
    const spent = youtubeSource({
      channels: [CHANNEL],
      videos: [],
      key: 'k',
      base: srv.url,
      intervalMs: 60_000,
      dailyQuota: 1000,
    });
    const runs = [sourceRuns(redis, keys, 'yt-budget').start(budget), sourceRuns(redis, keys, 'yt-spent').start(spent)];
    try {
      await waitFor(
        () => budget.health.lastError === 'quota_budget' && spent.health.lastError === 'quota_exceeded',
        10_000,
        'both held',
      );
      await new Promise((r) => setTimeout(r, 200));
      expect(calls).toBe(3); // the day's budget, not one page more
      expect(exceeded).toBe(1); // told the quota is spent: nothing more today
    } finally {
      for (const r of runs) await r.stop();
      await srv.close();
    }
  });
});
