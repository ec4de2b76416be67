import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { AuditLog, type RunningDashboard, startDashboard } from '@trendwacht/dashboard';
import { generateDay } from '@trendwacht/fixtures';
import { BatchProducer, type Source, replaySource, runIngest } from '@trendwacht/ingest';
import { ALL, BUCKET_MS, type PostInput, tenantKeys } from '@trendwacht/shared';
import { type RedisClient, type RedisServerHandle, connectRedis, startRedisServer } from '@trendwacht/shared/node';
import { type RunningWorker, startWorker } from '@trendwacht/worker';
import { afterEach, describe, expect, it } from 'vitest';
import { audit, needlesFrom } from '../cli/privacy-audit';
import { BIN } from '../cli/processes';
import { quietLog, sealKey, waitFor } from './helpers';
import { ApiClient, testUser } from './test-dashboard';

/**
 * Faults the pipeline must survive, each on its own redis-server with AOF (so it can be
 * stopped and restarted) and each followed by a privacy audit of Redis and its AOF.
 */
const ROOT = 'tw';
const keys = tenantKeys(ROOT, 'demo');
const workerConfig = { keyPrefix: ROOT, workerConcurrency: 2, workerLockMs: 5000, workerStalledMs: 2000 };
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

async function privateRedis(port?: number, dir?: string) {
  const d = dir ?? (await mkdtemp(join(tmpdir(), 'tw-fault-')));
  const server = await startRedisServer({ dir: d, appendonly: true, ...(port ? { port } : {}) });
  return server;
}

async function setup() {
  const server = await privateRedis();
  const redis = connectRedis(server.url);
  const state = { server };
  cleanups.push(async () => {
    await redis.quit().catch(() => undefined);
    await state.server.stop();
    await rm(server.dir, { recursive: true, force: true });
  });
  return { state, redis, url: server.url };
}

/** Stops Redis (SIGTERM: AOF flushed) and starts it again on the same port and data directory. */
async function restart(state: { server: RedisServerHandle }, downMs = 0) {
  const { port, dir } = state.server;
  await state.server.stop();
  if (downMs > 0) await sleep(downMs);
  state.server = await privateRedis(port, dir);
}

const dayPosts = (seed: number, n: number) =>
  generateDay({ seed, start: Date.now() - 20 * 3_600_000, posts: n, scenario: null });

async function counted(redis: RedisClient, posts: readonly PostInput[]): Promise<number> {
  const days = new Set(posts.map((p) => Math.floor(Date.parse(String(p.createdAt)) / BUCKET_MS.day) * BUCKET_MS.day));
  let sum = 0;
  for (const d of days) sum += Number((await redis.hget(keys.cell(ALL, 'day', d), 'posts')) ?? 0);
  return sum;
}

async function worker(url: string): Promise<RunningWorker> {
  const w = await startWorker({
    config: workerConfig,
    redisUrl: url,
    sealKey,
    tenant: 'demo',
    log: quietLog,
    detector: false,
  });
  cleanups.push(() => w.close());
  return w;
}

function producer(url: string, highWater = 100) {
  const p = new BatchProducer({ redisUrl: url, keys, sealKey, highWater, pollMs: 20 });
  cleanups.push(() => p.close());
  return p;
}

const ingest = (source: Source, p: BatchProducer, batchSize = 50) =>
  runIngest(source, { send: (posts) => p.send(posts), batchSize, batchMs: 50 });

async function expectNoPostText(redis: RedisClient, dir: string, posts: readonly PostInput[]) {
  const report = await audit(redis, needlesFrom(posts), join(dir, 'appendonlydir'));
  expect(report.aofBytes).toBeGreaterThan(0);
  expect(report.findings).toEqual([]);
}

/** A source that yields `n` posts at `perSecond`, counting how many it has handed out. */
function pacedSource(posts: readonly PostInput[], perSecond: number) {
  const state = { pulled: 0 };
  const source: Source = {
    name: 'paced',
    async *items() {
      const t0 = Date.now();
      for (const [i, p] of posts.entries()) {
        const wait = t0 + (i / perSecond) * 1000 - Date.now();
        if (wait > 1) await sleep(wait);
        state.pulled++;
        yield p;
      }
    },
  };
  return { source, state };
}

describe('faults', () => {
  it('Redis restarted (AOF on): aggregates, users, incidents and the audit log survive; everyone reconnects and goes on', async () => {
    const { state, redis, url } = await setup();
    const posts = dayPosts(21, 1200);
    await worker(url);
    const dash: RunningDashboard = await startDashboard({ redisUrl: url, keyPrefix: ROOT, host: '127.0.0.1', port: 0 });
    cleanups.push(() => dash.close());
    const p = producer(url);
    const u = await testUser(redis, ROOT, 'demo', 'crisis');
    const crisis = await ApiClient.login(dash.url, u.username);
    const inc = await crisis.send('POST', '/api/t/demo/incidents', { title: 'Voor de herstart' });
    expect(inc.status).toBe(201);
    await ingest(replaySource(posts.slice(0, 600), { speed: Number.POSITIVE_INFINITY }), p);
    await waitFor(async () => (await counted(redis, posts)) === 600, 20_000, 'first half');

    await restart(state, 500);

    await ingest(replaySource(posts.slice(600), { speed: Number.POSITIVE_INFINITY }), p);
    await waitFor(async () => (await counted(redis, posts)) === 1200, 30_000, 'second half after restart');
    // The same session still works (sessions are in Redis), and the data is all there.
    expect((await crisis.get(`/api/t/demo/incidents/${inc.body.id}`)).body).toMatchObject({
      title: 'Voor de herstart',
    });
    expect((await ApiClient.login(dash.url, u.username)).base).toBe(dash.url);
    expect(await new AuditLog(redis, keys).verify()).toMatchObject({ ok: true });
    expect((await crisis.get('/api/t/demo/overview?range=day')).status).toBe(200);
    await expectNoPostText(redis, state.server.dir, posts);
  });

  it('Redis unreachable for 30 s: ingest stops reading (bounded buffer), nothing crashes, nothing is lost or doubled', async () => {
    const { state, redis, url } = await setup();
    const posts = dayPosts(22, 3000);
    await worker(url);
    const p = producer(url);
    const { source, state: read } = pacedSource(posts, 100);
    const heap0 = process.memoryUsage().heapUsed;
    const run = ingest(source, p, 20);
    await waitFor(async () => (await counted(redis, posts)) > 100, 20_000, 'flow before the outage');
    await state.server.stop();
    const atStop = read.pulled;
    await sleep(30_000);
    // While Redis is away ingest reads at most what one batch in flight and one being filled hold.
    expect(read.pulled - atStop).toBeLessThanOrEqual(2 * 20 + 1);
    expect(process.memoryUsage().heapUsed - heap0).toBeLessThan(64 * 1024 * 1024);
    state.server = await privateRedis(state.server.port, state.server.dir);
    const counters = await run;
    expect(counters.accepted).toBe(posts.length);
    await waitFor(async () => (await counted(redis, posts)) === posts.length, 30_000, 'everything counted once');
    await expectNoPostText(redis, state.server.dir, posts);
  }, 90_000);

  it('overload: a producer faster than the workers is held at the queue high-water mark', async () => {
    const { state, redis, url } = await setup();
    const posts = dayPosts(23, 2000);
    const p = producer(url, 10);
    let deepest = 0;
    const run = ingest(replaySource(posts, { speed: Number.POSITIVE_INFINITY }), p, 20);
    const end = Date.now() + 2000;
    while (Date.now() < end) {
      deepest = Math.max(deepest, await p.queue.count());
      await sleep(10);
    }
    expect(deepest).toBe(10);
    await worker(url);
    await run;
    expect(p.pauses).toBeGreaterThan(0);
    deepest = Math.max(deepest, await p.queue.count());
    expect(deepest).toBe(10);
    await waitFor(async () => (await counted(redis, posts)) === posts.length, 30_000, 'all counted');
    await expectNoPostText(redis, state.server.dir, posts);
  });

  it('malformed, oversized, binary and wrongly encoded input: a clear reject with its reason, counted; nothing else lost', async () => {
    const { state, redis, url } = await setup();
    const posts = dayPosts(24, 200);
    const dir = state.server.dir;
    const file = join(dir, 'mixed.jsonl');
    const good = posts.map((p) => Buffer.from(`${JSON.stringify(p)}\n`));
    const bad = [
      Buffer.from(`${JSON.stringify({ ...posts[0], id: 'huge', text: 'x '.repeat(512 * 1024) })}\n`), // 1 MB text
      Buffer.from([0x00, 0xff, 0xfe, 0x13, 0x37, 0x0a]), // binary
      Buffer.concat([
        Buffer.from('{"id":"latin1","text":"caf'),
        Buffer.from([0xe9]),
        Buffer.from(' op de markt","createdAt":"2026-11-20T10:00:00Z"}\n'),
      ]),
      Buffer.from('{"id":"broken", "text": \n'), // not JSON
      Buffer.from('[1,2,3]\n'), // not an object
      Buffer.from('{"id":"notext","createdAt":"2026-11-20T10:00:00Z"}\n'),
    ];
    writeFileSync(file, Buffer.concat([...good.slice(0, 100), ...bad, ...good.slice(100)]));
    await worker(url);
    const env = {
      ...process.env,
      REDIS_URL: url,
      TRENDWACHT_KEY_PREFIX: ROOT,
      TRENDWACHT_SEAL_KEY: sealKey.toString('hex'),
      LOG_LEVEL: 'warn',
    };
    const r = spawnSync(process.execPath, [BIN, 'ingest', 'file', file], { env, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(0);
    const stats = await redis.hgetall(keys.stats);
    expect(stats).toMatchObject({
      'ingest:file:accepted': '200',
      'ingest:file:rejected:text_too_long': '1',
      'ingest:file:rejected:bad_encoding': '2',
      'ingest:file:rejected:invalid_json': '1',
      'ingest:file:rejected:invalid_shape': '2',
    });
    // Reasons name the field and the line, never the content.
    expect(r.stderr).not.toContain('caf');
    expect(r.stderr).not.toContain('xxxx');
    await waitFor(async () => (await counted(redis, posts)) === 200, 30_000, 'the good posts');
    await expectNoPostText(redis, dir, posts);
  });

  it('graceful shutdown: SIGTERM lets a worker finish the batches in hand; nothing is left active or stalled', async () => {
    const { state, redis, url } = await setup();
    const posts = dayPosts(25, 3000);
    const p = producer(url, 10_000);
    await ingest(replaySource(posts, { speed: Number.POSITIVE_INFINITY }), p, 20);
    const env = {
      ...process.env,
      REDIS_URL: url,
      TRENDWACHT_KEY_PREFIX: ROOT,
      TRENDWACHT_SEAL_KEY: sealKey.toString('hex'),
      WORKER_CONCURRENCY: '2',
      LOG_LEVEL: 'info',
    };
    const child = spawn(process.execPath, [BIN, 'worker'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    child.stderr.on('data', (d) => {
      log += String(d);
    });
    await waitFor(async () => (await counted(redis, posts)) > 400, 30_000, 'the worker under way');
    const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(log).toContain('worker stopped');
    expect(await p.queue.getActiveCount()).toBe(0);
    expect(await p.queue.getFailedCount()).toBe(0);
    const done = await counted(redis, posts);
    expect(done).toBeLessThan(posts.length);
    // What it finished is whole: batches of 20, none half-applied.
    expect(done % 20).toBe(0);
    await worker(url);
    await waitFor(async () => (await counted(redis, posts)) === posts.length, 30_000, 'the rest');
    await expectNoPostText(redis, state.server.dir, posts);
  });
});
