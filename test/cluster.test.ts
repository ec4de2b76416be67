import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDashboard } from '@trendwacht/dashboard';
import { generateDay } from '@trendwacht/fixtures';
import { BatchProducer, normalisePostInput, replaySource, runIngest } from '@trendwacht/ingest';
import { ALL, BATCH_QUEUE, tenantKeys } from '@trendwacht/shared';
import {
  type RedisServerHandle,
  connectRedis,
  deleteKeys,
  scanKeys,
  seal,
  startRedisServer,
} from '@trendwacht/shared/node';
import {
  AuthorHasher,
  NarrativeIndex,
  TrendDetector,
  createAnalyzer,
  createBatchProcessor,
  startWorker,
} from '@trendwacht/worker';
import { Queue, Worker } from 'bullmq';
import { Cluster, Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit, needlesFrom } from '../cli/privacy-audit';
import { quietLog, sealKey, uniqueRoot, waitFor } from './helpers';
import { ApiClient, testUser } from './test-dashboard';

/**
 * Redis Cluster: three redis-server nodes, slots split between them, two tenants whose
 * hash tags land on different nodes. Each tenant's batches go through BullMQ and the
 * atomic apply script on the cluster: every multi-key call must stay in one slot (Redis
 * refuses CROSSSLOT otherwise), which is what the `{tenant}` hash tag in every key buys.
 */
const SLOTS: [number, number][] = [
  [0, 5460],
  [5461, 10922],
  [10923, 16383],
];
const nodes: RedisServerHandle[] = [];
const dirs: string[] = [];
let cluster: Cluster;

beforeAll(async () => {
  for (let i = 0; i < 3; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'tw-cluster-'));
    dirs.push(dir);
    nodes.push(
      await startRedisServer({
        dir,
        appendonly: false,
        args: ['--cluster-enabled', 'yes', '--cluster-config-file', join(dir, 'nodes.conf')],
      }),
    );
  }
  const direct = nodes.map((n) => new Redis(n.url));
  await Promise.all(direct.map((r, i) => r.call('CLUSTER', 'ADDSLOTSRANGE', ...(SLOTS[i] as [number, number]))));
  for (const n of nodes.slice(1)) await direct[0]?.call('CLUSTER', 'MEET', '127.0.0.1', String(n.port));
  await waitFor(
    async () =>
      (await Promise.all(direct.map((r) => r.call('CLUSTER', 'INFO')))).every((s) =>
        String(s).includes('cluster_state:ok'),
      ),
    20_000,
    'cluster state ok on every node',
  );
  await Promise.all(direct.map((r) => r.quit()));
  cluster = new Cluster([{ host: '127.0.0.1', port: nodes[0]?.port ?? 0 }]);
}, 60_000);

afterAll(async () => {
  await cluster?.quit();
  await Promise.all(nodes.map((n) => n.stop()));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** The node (0–2) holding a hash tag's slot. */
async function nodeOf(tag: string): Promise<number> {
  const slot = Number(await cluster.call('CLUSTER', 'KEYSLOT', `{${tag}}`));
  return SLOTS.findIndex(([from, to]) => slot >= from && slot <= to);
}

const TENANT_NAMES = ['demo', 'gent', 'aalst', 'leuven', 'brugge', 'mol', 'lier', 'geel', 'dilbeek'];

/** Tenants whose keys live on a node other than `avoid` (and than each other's). */
async function tenantsOffNode(avoid: number, count: number): Promise<string[]> {
  const byNode = new Map<number, string>();
  for (const t of TENANT_NAMES) {
    const n = await nodeOf(t);
    if (n !== avoid && !byNode.has(n)) byNode.set(n, t);
  }
  return [...byNode.values()].slice(0, count);
}

describe('on a 3-node Redis Cluster', () => {
  it("each tenant's batches go through BullMQ and the atomic apply in its own slot, exactly once", async () => {
    // Two tenants on different nodes.
    const tenants = await tenantsOffNode(-1, 2);
    expect(tenants).toHaveLength(2);
    const root = uniqueRoot();
    const start = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3_600_000;
    // Synthetic posts as ingest makes them (ids, sources, times in ms).
    const posts = generateDay({ seed: 3, start, posts: 600 }).flatMap((raw) => {
      const n = normalisePostInput(raw, 'fixture');
      return n.ok ? [n.post] : [];
    });
    const analyze = createAnalyzer();

    for (const tenant of tenants) {
      const keys = tenantKeys(root, tenant);
      const processBatch = createBatchProcessor({
        redis: cluster,
        keys,
        sealKey,
        analyze,
        hasher: new AuthorHasher(cluster, keys),
        narratives: new NarrativeIndex(cluster, keys),
      });
      const queue = new Queue(BATCH_QUEUE, { connection: cluster, prefix: keys.queuePrefix });
      const worker = new Worker(BATCH_QUEUE, (job) => processBatch(job.data), {
        connection: cluster,
        prefix: keys.queuePrefix,
      });
      const batches = [posts.slice(0, 300), posts.slice(300)].map((p) => seal(p, sealKey, tenant));

      await queue.addBulk(batches.map((b) => ({ name: 'batch', data: b, opts: { jobId: b.batchId } })));
      await waitFor(async () => (await queue.getJobCounts('completed')).completed === 2, 30_000, 'both batches');
      // The same batch again (a retry after a crash, say) is not counted twice.
      expect((await processBatch(batches[0])).applied).toBe(false);
      await worker.close();
      await queue.obliterate({ force: true });
      await queue.close();

      const stats = await cluster.hgetall(keys.stats);
      const dropped = Object.entries(stats)
        .filter(([f]) => f.startsWith('drop:'))
        .reduce((a, [, v]) => a + Number(v), 0);
      expect(Number(stats.posts) + dropped).toBe(posts.length);
      let day = 0;
      for (let d = start - 86_400_000; d <= start + 86_400_000; d += 86_400_000) {
        day += Number(
          (await cluster.hget(keys.cell(ALL, 'day', Math.floor(d / 86_400_000) * 86_400_000), 'posts')) ?? 0,
        );
      }
      expect(day).toBe(Number(stats.posts));
    }
  });

  it('runs the whole stack on REDIS_URL=…?cluster=true: ingest, worker, dashboard, privacy audit, cleanup', async () => {
    const url = `redis://127.0.0.1:${nodes[0]?.port}?cluster=true`;
    const client = connectRedis(url);
    expect(client).toBeInstanceOf(Cluster);
    const root = uniqueRoot();
    // The tenant's keys, another tenant's and the accounts' keys on three different nodes.
    const accountsNode = await nodeOf('accounts');
    const [tenant, other] = await tenantsOffNode(accountsNode, 2);
    if (!tenant || !other) throw new Error('no tenant off the accounts node');
    const keys = tenantKeys(root, tenant);
    // Synthetic posts, all in the last half hour, so the overview's last 24 hours hold every one.
    const now = Date.now();
    const posts = generateDay({ seed: 5, start: now - 86_400_000, posts: 800, scenario: null }).map((p, i) => ({
      ...p,
      createdAt: new Date(now - 60_000 - (i % 1_800) * 1_000).toISOString(),
    }));

    const worker = await startWorker({
      config: { keyPrefix: root, workerConcurrency: 2, workerLockMs: 30_000, workerStalledMs: 30_000 },
      redisUrl: url,
      sealKey,
      tenant,
      log: quietLog,
    });
    const producer = new BatchProducer({ redisUrl: url, keys, sealKey, highWater: 50 });
    const counters = await runIngest(replaySource(posts, { speed: Number.POSITIVE_INFINITY }), {
      send: (p) => producer.send(p),
      batchSize: 100,
      batchMs: 50,
    });
    expect(counters.accepted).toBe(posts.length);
    const processed = async () => {
      const s = await client.hgetall(keys.stats);
      const dropped = Object.entries(s)
        .filter(([f]) => f.startsWith('drop:'))
        .reduce((a, [, v]) => a + Number(v), 0);
      return { posts: Number(s.posts ?? 0), all: Number(s.posts ?? 0) + dropped };
    };
    await waitFor(async () => (await processed()).all === posts.length, 30_000, 'all posts processed on the cluster');
    await producer.close();
    await worker.close();
    // The trend detector's reads (pipelines) and alert writes (transactions) on the cluster.
    const detector = new TrendDetector({
      redis: client,
      keys,
      analysisVersion: 'test',
      narratives: new NarrativeIndex(client, keys),
    });
    const minute = Math.floor(now / 60_000) * 60_000 - 60_000;
    await detector.init(minute - 60_000);
    expect(Array.isArray(await detector.tick(minute))).toBe(true);

    const dash = await startDashboard({ redisUrl: url, keyPrefix: root, host: '127.0.0.1', port: 0 });
    try {
      await testUser(client, root, tenant, 'crisis');
      const crisis = await ApiClient.login(dash.url, `crisis@${tenant}`);
      const overview = await crisis.get(`/api/t/${tenant}/overview?range=day`);
      expect(overview.status).toBe(200);
      const themes = overview.body.themes as { id: string; posts: number | null }[];
      expect(themes.find((t) => t.id === ALL)?.posts).toBe((await processed()).posts);
      // A transaction on the tenant's keys (incident and its timeline) and the audit log.
      const made = await crisis.send('POST', `/api/t/${tenant}/incidents`, { title: 'Cluster check' });
      expect(made.status).toBe(201);
      expect((await crisis.get(`/api/t/${tenant}/incidents`)).status).toBe(200);
    } finally {
      await dash.close();
    }

    // The privacy audit reads every master: nothing of the stream anywhere…
    const needles = needlesFrom(posts);
    const clean = await audit(client, needles);
    expect(clean.keys).toBeGreaterThan(100);
    expect(clean.findings).toEqual([]);
    // …and it does find a post stored on another node (positive control).
    const victim = posts.find((p) => p.text.split(' ').length >= 8);
    if (!victim) throw new Error('fixture without a long post');
    const leak = `${root}:{${other}}:leak`;
    await client.set(leak, `x ${victim.text}`);
    const found = await audit(client, needles);
    expect(found.findings.some((f) => f.where.includes(leak) && f.kind === 'shingle')).toBe(true);

    // Cleanup deletes the root on every node.
    await deleteKeys(client, `${root}:*`);
    let left = 0;
    for await (const page of scanKeys(client, `${root}:*`)) left += page.length;
    expect(left).toBe(0);
    await client.quit();
  });
});
