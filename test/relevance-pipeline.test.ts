import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccountStore } from '@trendwacht/dashboard';
import { BatchProducer } from '@trendwacht/ingest';
import { ALL, GazetteerSchema, type Post, accountKeys, bucketStart } from '@trendwacht/shared';
import { readSettings, seal, tenantKeys, writeSettings } from '@trendwacht/shared/node';
import { startWorker } from '@trendwacht/worker';
import { afterAll, describe, expect, it } from 'vitest';
import { createAnalyzer } from '../worker/src/analysis/pipeline';
import { AuthorHasher } from '../worker/src/authors';
import { RelevanceIndex } from '../worker/src/relevance/match';
import { type PoolTenant, createStreamProcessor } from '../worker/src/stream-batch';
import { dropRoot, quietLog, redisUrl, sealKey, testRedis, uniqueRoot, waitFor } from './helpers';

const redis = testRedis();
const roots: string[] = [];
const config = (root: string) => ({
  keyPrefix: root,
  workerConcurrency: 2,
  workerLockMs: 30_000,
  workerStalledMs: 30_000,
  dataDir: mkdtempSync(join(tmpdir(), 'tw-rel-')),
});
afterAll(async () => {
  for (const r of roots) await dropRoot(redis, r);
  await redis.quit();
});

const now = Date.now();
let n = 0;
/** A synthetic post (written for this test). */
const post = (text: string, author: string, source = 'web'): Post => ({
  id: `${source}:${++n}`,
  source,
  text,
  createdAt: now - 60_000,
  authorKey: author,
  tags: [],
});
const AALST = GazetteerSchema.parse({ municipality: ['Aalst'], deelgemeente: ['Erembodegem'], postcode: ['9300'] });
const GEEL = GazetteerSchema.parse({ municipality: ['Geel'], deelgemeente: ['Ten Aard'], postcode: ['2440'] });
const dayPosts = async (keys: ReturnType<typeof tenantKeys>) =>
  Number((await redis.hget(keys.cell(ALL, 'day', bucketStart(now - 60_000, 'day')), 'posts')) ?? 0);

describe('a tenant with a gazetteer counts only its town', () => {
  it('drops the posts of its queue that do not concern it, counted as such, once', async () => {
    const root = uniqueRoot();
    roots.push(root);
    const keys = tenantKeys(root, 'aalst');
    await writeSettings(redis, keys, {
      ...(await readSettings(redis, keys)),
      gazetteer: AALST,
      localSources: ['rss-stadskrant'],
    });
    const worker = await startWorker({
      config: config(root),
      redisUrl: redisUrl(),
      sealKey,
      tenant: 'aalst',
      log: quietLog,
      detector: false,
      notify: false,
    });
    const posts = [
      post('Zalig weertje in Aalst vandaag, iedereen op het terras.', 'a1'),
      post('Wegenwerken in Erembodegem duren nog een maand.', 'a2'),
      post('Het containerpark is zaterdag gesloten.', 'a3', 'rss-stadskrant'),
      post('De kerstmarkt in Brugge is weer prachtig.', 'a4'),
      post('Staking bij de spoorwegen morgen, bijna geen treinen.', 'a5'),
    ];
    const producer = new BatchProducer({ redisUrl: redisUrl(), keys, sealKey, highWater: 50 });
    await producer.send(posts);
    const stats = async () => redis.hgetall(keys.stats);
    await waitFor(async () => Number((await stats()).batches ?? 0) === 1, 20_000, 'the batch');
    expect(await stats()).toMatchObject({ posts: '3', 'drop:irrelevant': '2' });
    expect(await dayPosts(keys)).toBe(3);
    // The same posts again (a re-import): nothing counted twice, the irrelevant ones neither.
    await producer.send(posts);
    await waitFor(async () => Number((await stats()).batches ?? 0) === 2, 20_000, 'the second batch');
    expect(await stats()).toMatchObject({ posts: '3', 'drop:irrelevant': '2', repeats: '5' });
    await producer.close();
    await worker.close();
  });
});

describe('one pool for many tenants: a shared stream analysed once, folded into each', () => {
  it('folds each post into the tenants it concerns, with their own salts, and picks up a changed gazetteer', async () => {
    const root = uniqueRoot();
    roots.push(root);
    const k = (t: string) => tenantKeys(root, t);
    for (const [t, g] of [
      ['aalst', AALST],
      ['geel', GEEL],
    ] as const) {
      await writeSettings(redis, k(t), { ...(await readSettings(redis, k(t))), gazetteer: g, streams: ['vlaanderen'] });
    }
    // A tenant that does not listen to the stream gets nothing of it.
    await writeSettings(redis, k('mol'), { ...(await readSettings(redis, k('mol'))), gazetteer: GEEL });
    const cfg = config(root);
    const worker = await startWorker({
      config: cfg,
      redisUrl: redisUrl(),
      sealKey,
      tenant: 'unused',
      tenants: ['aalst', 'geel', 'mol'],
      streams: ['vlaanderen'],
      log: quietLog,
      detector: false,
      notify: false,
      settingsPollMs: 200,
    });
    const producer = new BatchProducer({ redisUrl: redisUrl(), keys: k('vlaanderen'), sealKey, highWater: 50 });
    await producer.send([
      post('Zalig weertje in Aalst vandaag.', 'x1'),
      post('Kermis in Erembodegem begint morgen.', 'x2'),
      post('Morgen naar Geel voor de jaarmarkt.', 'x3'),
      post('Van Aalst naar Geel met de fiets: twee uur.', 'x4'),
      post('Mijn fiets is geel met zwarte strepen.', 'x5'),
      post('De regering belooft lagere energieprijzen.', 'x6'),
    ]);
    await waitFor(
      async () => Number((await redis.hget(k('vlaanderen').stats, 'batches')) ?? 0) === 1,
      20_000,
      'the stream batch',
    );
    expect(await redis.hgetall(k('vlaanderen').stats)).toMatchObject({
      posts: '4',
      'drop:irrelevant': '2',
      folds: '2',
    });
    expect(await redis.hget(k('aalst').stats, 'posts')).toBe('3');
    expect(await redis.hget(k('geel').stats, 'posts')).toBe('2');
    expect(await redis.hget(k('mol').stats, 'posts')).toBeNull();
    // Distinct authors per tenant, under each tenant's own salt (separate salt folders).
    const day = bucketStart(now - 60_000, 'day');
    expect(await redis.pfcount(k('aalst').cellAuthors(ALL, 'day', day))).toBe(3);
    expect(await redis.pfcount(k('geel').cellAuthors(ALL, 'day', day))).toBe(2);
    const salts = readdirSync(join(cfg.dataDir, 'salts'));
    expect(salts.some((d) => d.includes('aalst'))).toBe(true);
    expect(salts.some((d) => d.includes('geel'))).toBe(true);

    // Geel's admin adds a deelgemeente: the pool uses it without a restart.
    await writeSettings(redis, k('geel'), {
      ...(await readSettings(redis, k('geel'))),
      gazetteer: { ...GEEL, deelgemeente: [...GEEL.deelgemeente, 'Winkelomheide'] },
    });
    await new Promise((r) => setTimeout(r, 600));
    await producer.send([post('Wegenwerken in Winkelomheide, de bus rijdt om.', 'x7')]);
    await waitFor(
      async () => Number((await redis.hget(k('vlaanderen').stats, 'batches')) ?? 0) === 2,
      20_000,
      'the second batch',
    );
    expect(await redis.hget(k('geel').stats, 'posts')).toBe('3');
    expect(await redis.hget(k('aalst').stats, 'posts')).toBe('3');
    await producer.close();
    await worker.close();
  });

  it('a batch delivered again changes nothing; each post is analysed once whatever the number of tenants', async () => {
    const root = uniqueRoot();
    roots.push(root);
    const k = (t: string) => tenantKeys(root, t);
    let calls = 0;
    const base = createAnalyzer();
    const analyze: PoolTenant['analyze'] = (input) => {
      calls++;
      return base(input);
    };
    const ids = ['t1', 't2', 't3', 't4', 't5'];
    const tenants = new Map<string, PoolTenant>(
      ids.map((t) => [t, { keys: k(t), hasher: new AuthorHasher(null, k(t)), analyze }]),
    );
    // Five tenants, all of them Aalst (a region's municipalities all watching the same town, say).
    const index = new RelevanceIndex(ids.map((tenant) => ({ tenant, gazetteer: AALST })));
    const process = createStreamProcessor({
      redis,
      sealKey,
      keys: k('stream'),
      tenants: () => tenants,
      relevance: () => index,
    });
    const posts = [
      post('Zalig weertje in Aalst.', 'y1'),
      post('Kermis in 9300 Aalst.', 'y2'),
      post('Iets over Gent.', 'y3'),
    ];
    const batch = seal(posts, sealKey, 'stream');
    const first = await process(batch);
    expect(first).toMatchObject({ posts: 3, irrelevant: 1, analysed: 2 });
    expect(calls).toBe(2);
    for (const t of ids) expect(first.tenants[t]).toMatchObject({ applied: true, posts: 2 });
    const again = await process(batch);
    for (const t of ids) expect(again.tenants[t]?.applied).toBe(false);
    for (const t of ids) expect(await redis.hget(k(t).stats, 'posts')).toBe('2');
    expect(await redis.hget(k('stream').stats, 'batches')).toBe('1');
    // The same posts in a new batch (a restarted connector): counted once.
    await process(seal(posts, sealKey, 'stream'));
    for (const t of ids) expect(await redis.hgetall(k(t).stats)).toMatchObject({ posts: '2', repeats: '2' });
  });

  it('a pool of every tenant serves a municipality created after it started', async () => {
    const root = uniqueRoot();
    roots.push(root);
    const k = (t: string) => tenantKeys(root, t);
    const accounts = new AccountStore(redis, accountKeys(root));
    await accounts.createTenant('aalst', 'Aalst');
    await writeSettings(redis, k('aalst'), {
      ...(await readSettings(redis, k('aalst'))),
      gazetteer: AALST,
      streams: ['vl'],
    });
    const worker = await startWorker({
      config: config(root),
      redisUrl: redisUrl(),
      sealKey,
      tenant: 'unused',
      tenants: 'all',
      streams: ['vl'],
      log: quietLog,
      detector: false,
      notify: false,
      settingsPollMs: 200,
    });
    await accounts.createTenant('geel', 'Geel');
    await writeSettings(redis, k('geel'), {
      ...(await readSettings(redis, k('geel'))),
      gazetteer: GEEL,
      streams: ['vl'],
    });
    await new Promise((r) => setTimeout(r, 1500));
    const producer = new BatchProducer({ redisUrl: redisUrl(), keys: k('vl'), sealKey, highWater: 50 });
    await producer.send([post('Morgen naar Geel voor de jaarmarkt.', 'z1'), post('Kermis in Aalst.', 'z2')]);
    await waitFor(async () => Number((await redis.hget(k('vl').stats, 'batches')) ?? 0) === 1, 20_000, 'the batch');
    expect(await redis.hget(k('geel').stats, 'posts')).toBe('1');
    expect(await redis.hget(k('aalst').stats, 'posts')).toBe('1');
    await producer.close();
    await worker.close();
  });
});
