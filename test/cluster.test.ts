import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDay } from '@trendwacht/fixtures';
import { normalisePostInput } from '@trendwacht/ingest';
import { ALL, BATCH_QUEUE, tenantKeys } from '@trendwacht/shared';
import { type RedisServerHandle, seal, startRedisServer } from '@trendwacht/shared/node';
import { AuthorHasher, NarrativeIndex, createAnalyzer, createBatchProcessor } from '@trendwacht/worker';
import { Queue, Worker } from 'bullmq';
import { Cluster, Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealKey, uniqueRoot, waitFor } from './helpers';

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

/** The node (0–2) holding a tenant's slot. */
async function nodeOf(tenant: string): Promise<number> {
  const slot = Number(await cluster.call('CLUSTER', 'KEYSLOT', `{${tenant}}`));
  return SLOTS.findIndex(([from, to]) => slot >= from && slot <= to);
}

describe('on a 3-node Redis Cluster', () => {
  it("each tenant's batches go through BullMQ and the atomic apply in its own slot, exactly once", async () => {
    // Two tenants on different nodes.
    const names = ['demo', 'gent', 'aalst', 'leuven', 'brugge', 'mol', 'lier'];
    const byNode = new Map<number, string>();
    for (const t of names) {
      const n = await nodeOf(t);
      if (!byNode.has(n)) byNode.set(n, t);
    }
    const tenants = [...byNode.values()].slice(0, 2);
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
      // ioredis' Cluster speaks the same commands as a single connection.
      const redis = cluster as unknown as Redis;
      const processBatch = createBatchProcessor({
        redis,
        keys,
        sealKey,
        analyze,
        hasher: new AuthorHasher(redis, keys),
        narratives: new NarrativeIndex(redis, keys),
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
});
