import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchProducer, DurableSeen, ingestSeenKey, replaySource, runIngest } from '@trendwacht/ingest';
import { connectRedis, startRedisServer, tenantKeys } from '@trendwacht/shared/node';
import { type Command, intOption, parse } from '../command';

/** One import of `n` synthetic posts onto a fresh queue, with or without ingest's Redis state; its time in ms. */
async function importOnce(url: string, n: number, withState: boolean, tag: string): Promise<number> {
  const sealKey = randomBytes(32);
  const keys = tenantKeys(`bench-${tag}`, 'demo');
  const redis = connectRedis(url);
  const producer = new BatchProducer({ redisUrl: url, keys, sealKey, highWater: Number.MAX_SAFE_INTEGER });
  const posts = Array.from({ length: n }, (_, i) => ({
    id: `${tag}-${i}`,
    text: `Bericht ${i} over de markt, de kermis en de wegenwerken in de stad`,
    createdAt: Date.now() - i * 1000,
    authorKey: `a${i % 500}`,
  }));
  const t0 = performance.now();
  await runIngest(replaySource(posts, { speed: Number.POSITIVE_INFINITY }), {
    send: (p) => producer.send(p),
    batchSize: 500,
    batchMs: 100,
    ...(withState ? { durable: new DurableSeen(redis, keys, sealKey) } : {}),
  });
  const ms = performance.now() - t0;
  await producer.close();
  await redis.quit();
  return ms;
}

export const benchIngestCommand: Command = {
  name: 'bench-ingest',
  summary: "what ingest's Redis state (queued ids, cursors) costs: time with and without it, bytes per id",
  usage: `Usage: trendwacht bench-ingest [--posts N] [--runs N]

Imports N synthetic posts (default 60000) onto a private redis-server's queue, without and
with ingest's state in Redis (the queued-id set that makes re-imports and restarts count
once), after one untimed import of each, alternating, --runs times (default 3); prints the medians, their ratio, and the
Redis bytes each queued id costs. No worker runs; read the ratio, the machine is shared.`,
  async run(args) {
    const { values } = parse(args, { posts: { type: 'string' }, runs: { type: 'string' } });
    const n = Math.max(1000, intOption('posts', values.posts, 60_000));
    const runs = Math.max(1, intOption('runs', values.runs, 3));
    const dir = mkdtempSync(join(tmpdir(), 'tw-bench-ingest-'));
    const server = await startRedisServer({ dir, appendonly: false });
    try {
      const plain: number[] = [];
      const state: number[] = [];
      // One untimed import of each first (JIT, connections, Redis allocations).
      await importOnce(server.url, n, false, 'wp');
      await importOnce(server.url, n, true, 'ws');
      for (let r = 0; r < runs; r++) {
        plain.push(await importOnce(server.url, n, false, `p${r}`));
        state.push(await importOnce(server.url, n, true, `s${r}`));
      }
      const redis = connectRedis(server.url);
      const key = ingestSeenKey(tenantKeys('bench-s0', 'demo'), Math.floor(Date.now() / 86_400_000));
      const bytes = Number(await redis.call('MEMORY', 'USAGE', key, 'SAMPLES', '0'));
      await redis.quit();
      const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)] as number;
      const lines = [
        `ingest of ${n} posts, median of ${runs}:`,
        `  without state   ${median(plain).toFixed(0)} ms`,
        `  with state      ${median(state).toFixed(0)} ms`,
        `  ratio           ${(median(state) / median(plain)).toFixed(2)}`,
        `  Redis per id    ${(bytes / n).toFixed(1)} bytes (queued-id set; kept 2 days)`,
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
      return 0;
    } finally {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
