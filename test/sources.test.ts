import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningDashboard } from '@trendwacht/dashboard';
import { SourcesRunner } from '@trendwacht/ingest';
import { type Post, type SourcesFile, accountKeys, tenantKeys } from '@trendwacht/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayServer } from '../ingest/src/connectors/replay-server';
import { SAMPLES } from '../ingest/src/samples';
import { dropRoot, quietLog, testRedis, uniqueRoot, waitFor } from './helpers';
import { ApiClient, startTestDashboard, testUser } from './test-dashboard';

const rss2 = readFileSync(join(SAMPLES, 'rss-atom', 'city-news-rss2.xml'), 'utf8');
const atom = readFileSync(join(SAMPLES, 'rss-atom', 'digital-city-blog.atom'), 'utf8');
const root = uniqueRoot();
const redis = testRedis();
let dash: RunningDashboard;
let admin: ApiClient;
const msg = (r: { body: Record<string, unknown> }) => (r.body.error as { message?: string } | undefined)?.message;
let feeds: Awaited<ReturnType<typeof replayServer>>;

beforeAll(async () => {
  dash = await startTestDashboard(root);
  await testUser(redis, root, 'a', 'admin');
  admin = await ApiClient.login(dash.url, 'admin@a');
  feeds = await replayServer({
    '/stad.rss': (_req, res) => res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(rss2),
    '/wijk.atom': (_req, res) => res.writeHead(200, { 'Content-Type': 'application/atom+xml' }).end(atom),
  });
});
afterAll(async () => {
  await feeds.close();
  await dash.close();
  await dropRoot(redis, root);
  await redis.quit();
});

describe('sources configured per tenant (config file and settings page)', () => {
  it('the settings API takes names of secrets, never values, and keeps file ids for the file', async () => {
    const secretAsValue = await admin.send('PUT', '/api/t/a/sources/config', {
      sources: [{ id: 'r', kind: 'reddit', subreddits: ['belgium'], tokenEnv: 'eyJhbGciOi.secret-token' }],
    });
    expect(secretAsValue.status).toBe(400);
    expect(msg(secretAsValue)).toMatch(/^sources\.0\.tokenEnv: must be the name of an environment variable/);
    expect(secretAsValue.text).not.toContain('secret-token');
    const badUrl = await admin.send('PUT', '/api/t/a/sources/config', {
      sources: [{ id: 'f', kind: 'feed', urls: ['https://user:pw@example.org/rss'] }],
    });
    expect(badUrl.status).toBe(400);
    expect(msg(badUrl)).toBe('sources.0.urls.0: must not hold a user name or password');
    const twice = await admin.send('PUT', '/api/t/a/sources/config', {
      sources: [
        { id: 'f', kind: 'feed', urls: [`${feeds.url}/wijk.atom`] },
        { id: 'f', kind: 'bluesky' },
      ],
    });
    expect(twice.status).toBe(400);
    expect(msg(twice)).toContain('source ids must be unique');
  });

  it('takes YouTube, Telegram channel and Bluesky keyword sources, with the key named in the tenant namespace only', async () => {
    const foreignKey = await admin.send('PUT', '/api/t/a/sources/config', {
      sources: [{ id: 'yt', kind: 'youtube', videos: ['gemRaad2026'], keyEnv: 'YOUTUBE_API_KEY' }],
    });
    expect(foreignKey.status).toBe(400);
    expect(msg(foreignKey)).toMatch(/^sources\.0\.keyEnv: must name a variable of this tenant: TW_A_/);
    const nothing = await admin.send('PUT', '/api/t/a/sources/config', {
      sources: [{ id: 'yt', kind: 'youtube', keyEnv: 'TW_A_YOUTUBE' }],
    });
    expect(msg(nothing)).toBe('sources.0.channels: needs a channel or a video');
    const badChannel = await admin.send('PUT', '/api/t/a/sources/config', {
      sources: [{ id: 'tg', kind: 'telegram', channels: ['https://t.me/s/wijk'] }],
    });
    expect(msg(badChannel)).toMatch(/^sources\.0\.channels\.0: must be a public channel username/);
    const ok = await admin.send('PUT', '/api/t/a/sources/config', {
      sources: [
        { id: 'yt', kind: 'youtube', videos: ['gemRaad2026'], keyEnv: 'TW_A_YOUTUBE', enabled: false },
        { id: 'tg', kind: 'telegram', channels: ['wijkraad_noord'], enabled: false },
        { id: 'bsky', kind: 'bluesky', keywords: ['Mechelen', 'Grote Markt', '2800'], enabled: false },
      ],
    });
    expect(ok.status).toBe(200);
    const listed = await admin.send('GET', '/api/t/a/sources/config');
    expect(listed.body.sources).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          source: expect.objectContaining({ id: 'yt', intervalSeconds: 900, dailyQuota: 5000 }),
        }),
        expect.objectContaining({ source: expect.objectContaining({ id: 'tg', intervalSeconds: 300 }) }),
        expect.objectContaining({
          source: expect.objectContaining({ id: 'bsky', keywords: ['Mechelen', 'Grote Markt', '2800'] }),
        }),
      ]),
    );
    await admin.send('PUT', '/api/t/a/sources/config', { sources: [] });
  });

  it('the runner starts file and settings sources, shows a missing secret, and follows enable/remove changes', async () => {
    const file: SourcesFile = {
      a: [{ id: 'stad', kind: 'feed', urls: [`${feeds.url}/stad.rss`], intervalSeconds: 60, enabled: true }],
    };
    const got = new Map<string, Post[]>();
    const runner = new SourcesRunner({
      redis,
      keysOf: (t) => tenantKeys(root, t),
      tenants: () => redis.hkeys(accountKeys(root).tenants),
      file,
      send: async (tenant, posts) => {
        got.set(tenant, [...(got.get(tenant) ?? []), ...posts]);
      },
      batchSize: 50,
      batchMs: 20,
      secret: () => undefined,
      log: quietLog,
    });
    const wijk = { id: 'wijk', kind: 'feed', urls: [`${feeds.url}/wijk.atom`], intervalSeconds: 60 };
    const reddit = { id: 'reddit-gent', kind: 'reddit', subreddits: ['gent'], tokenEnv: 'TW_A_REDDIT_TOKEN' };
    const put = await admin.send('PUT', '/api/t/a/sources/config', { sources: [wijk, reddit] });
    expect(put.status).toBe(200);
    try {
      await runner.reconcile();
      expect(runner.active().sort()).toEqual(['a/stad', 'a/wijk']);
      const rssItems = (rss2.match(/<item>/g) ?? []).length;
      const atomItems = (atom.match(/<entry>/g) ?? []).length;
      await waitFor(() => (got.get('a')?.length ?? 0) === rssItems + atomItems, 10_000, 'both feeds read');

      // The file's sources are published for the settings page, read-only there.
      const listed = await admin.get('/api/t/a/sources/config');
      expect(
        (listed.body.sources as { origin: string; source: { id: string } }[]).map((s) => `${s.origin}:${s.source.id}`),
      ).toEqual(['file:stad', 'settings:wijk', 'settings:reddit-gent']);
      const collide = await admin.send('PUT', '/api/t/a/sources/config', { sources: [{ ...wijk, id: 'stad' }] });
      expect(collide.status).toBe(409);

      await waitFor(async () => (await redis.hlen(tenantKeys(root, 'a').sources)) === 3, 10_000, 'health reported');
      const health = await admin.get('/api/t/a/sources');
      const byName = Object.fromEntries((health.body.sources as { name: string }[]).map((s) => [s.name, s]));
      expect(byName['reddit-gent']).toMatchObject({ state: 'stopped', lastError: 'secret_missing' });
      expect(byName.wijk).toMatchObject({ mapper: 'f1' });
      expect(health.text).not.toContain('REDDIT_TOKEN_GENT=');

      // Disable wijk, remove the reddit source: the runner follows at its next check.
      expect(
        (await admin.send('PUT', '/api/t/a/sources/config', { sources: [{ ...wijk, enabled: false }] })).status,
      ).toBe(200);
      await runner.reconcile();
      expect(runner.active()).toEqual(['a/stad']);
      expect(await redis.hexists(tenantKeys(root, 'a').sources, 'reddit-gent')).toBe(0);
      const audit = await admin.get('/api/t/a/audit');
      const actions = (audit.body.entries as { action: string; detail: Record<string, unknown> | null }[]).filter(
        (e) => e.action === 'sources.update',
      );
      expect(actions.map((e) => e.detail?.removed)).toContain('reddit-gent');
    } finally {
      await runner.stop();
    }
    expect(runner.active()).toEqual([]);
  });

  it('shows a running source that stopped reporting as stale, and a stopped one as stopped', async () => {
    const keys = tenantKeys(root, 'a');
    const old = Date.now() - 120_000;
    await redis.hset(keys.sources, {
      silent: JSON.stringify({ state: 'connected', mapper: 'f1', lastError: null, reportedAt: old }),
      ended: JSON.stringify({ state: 'stopped', mapper: '-', lastError: 'secret_missing', reportedAt: old }),
    });
    const health = await admin.get('/api/t/a/sources');
    const byName = Object.fromEntries((health.body.sources as { name: string }[]).map((s) => [s.name, s]));
    expect(byName.silent).toMatchObject({ stale: true });
    expect(byName.ended).toMatchObject({ stale: false, state: 'stopped', lastError: 'secret_missing' });
  });
});
