import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDay, townGazetteers } from '@trendwacht/fixtures';
import { BatchProducer, runIngest } from '@trendwacht/ingest';
import { DEFAULT_SETTINGS, tenantKeys } from '@trendwacht/shared';
import {
  type RedisClient,
  type RedisServerHandle,
  childEnv,
  connectRedis,
  deleteKeys,
  startRedisServer,
  writeSettings,
} from '@trendwacht/shared/node';
import { procCpuSeconds, processed, redisCpu, until, untilProgress } from './bench-measure';
import { benchSource } from './bench-stream';
import { BIN, WORKER_NODE_FLAGS, stopChild } from './processes';

export type TenantBenchOptions = {
  posts: number;
  workers: number;
  tenants: number;
  batchSize: number;
  /** Batch size of the shared stream (default batchSize): each tenant gets a share of a batch. */
  streamBatchSize?: number;
  highWater: number;
  redisUrl?: string;
  log?: (line: string) => void;
};

export type TenantRun = {
  tenants: number;
  posts: number;
  seconds: number;
  cpuSeconds: { workers: number; redis: number };
  /** Worker + Redis CPU µs per post of the stream. */
  microsPerPost: number;
  /** Tenant folds per post of the stream (a post counted by two tenants is two folds). */
  foldsPerPost: number;
  /** Share of the stream's posts that no tenant counts (not analysed at all). */
  irrelevantShare: number;
};

export type TenantBenchResult = {
  single: TenantRun;
  multi: TenantRun;
  ratio: number;
  batchSize: number;
  streamBatchSize: number;
};

const STREAM = 'shared';

/**
 * Analyse once, fold into many, measured: the same synthetic stream (1) through one tenant
 * that counts every post (today's single-tenant pipeline) and (2) as a shared stream of
 * `tenants` municipalities, each with its own gazetteer, in one worker pool. Prints worker
 * + Redis CPU per post of the stream for both, and their ratio.
 */
export async function runTenantBench(o: TenantBenchOptions): Promise<TenantBenchResult> {
  const log = o.log ?? (() => undefined);
  const dir = await mkdtemp(join(tmpdir(), 'tw-bench-tenants-'));
  const server: RedisServerHandle | null = o.redisUrl ? null : await startRedisServer({ dir, appendonly: true });
  const redisUrl = o.redisUrl ?? (server as RedisServerHandle).url;
  const redis = connectRedis(redisUrl);
  const pool = generateDay({ seed: 17, start: Date.now() - 23 * 3_600_000, posts: 20_000, scenario: null });
  try {
    log(`single tenant: ${o.posts} posts, every one counted…`);
    const single = await phase(o, redis, redisUrl, dir, pool, 1);
    log(`${o.tenants} tenants on one shared stream, each with its own gazetteer…`);
    const multi = await phase(o, redis, redisUrl, dir, pool, o.tenants);
    return {
      single,
      multi,
      ratio: Math.round((multi.microsPerPost / single.microsPerPost) * 1000) / 1000,
      batchSize: o.batchSize,
      streamBatchSize: o.streamBatchSize ?? o.batchSize,
    };
  } finally {
    await redis.quit().catch(() => undefined);
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

async function phase(
  o: TenantBenchOptions,
  redis: RedisClient,
  redisUrl: string,
  dir: string,
  pool: ReturnType<typeof generateDay>,
  n: number,
): Promise<TenantRun> {
  const root = `bt${randomBytes(4).toString('hex')}`;
  const sealKey = randomBytes(32);
  const towns = n > 1 ? townGazetteers(n) : [];
  for (const t of towns) {
    await writeSettings(redis, tenantKeys(root, t.tenant), {
      ...DEFAULT_SETTINGS,
      gazetteer: t.gazetteer,
      streams: [STREAM],
    });
  }
  const queue = tenantKeys(root, n > 1 ? STREAM : 'bench');
  const args = n > 1 ? ['--tenants', towns.map((t) => t.tenant).join(','), '--streams', STREAM] : ['--tenant', 'bench'];
  const env = childEnv({
    REDIS_URL: redisUrl,
    TRENDWACHT_KEY_PREFIX: root,
    TRENDWACHT_SEAL_KEY: sealKey.toString('hex'),
    TRENDWACHT_DATA_DIR: join(dir, root),
    LOG_LEVEL: 'warn',
  });
  const children: ChildProcess[] = [];
  for (let i = 0; i < o.workers; i++) {
    children.push(
      spawn(process.execPath, [...WORKER_NODE_FLAGS, BIN, 'worker', ...args, '--no-detector'], {
        env,
        stdio: 'inherit',
      }),
    );
  }
  const producer = new BatchProducer({ redisUrl, keys: queue, sealKey, highWater: o.highWater });
  try {
    await until(async () => (await producer.queue.getWorkers()).length >= o.workers, 120_000, 'the workers');
    const pids = children.map((c) => c.pid);
    const cpu0 = pids.map(procCpuSeconds);
    const redis0 = await redisCpu(redis);
    const t0 = Date.now();
    const done = runIngest(benchSource(pool, o.posts, 0), {
      send: (p) => producer.send(p),
      batchSize: n > 1 ? (o.streamBatchSize ?? o.batchSize) : o.batchSize,
      batchMs: 100,
    });
    await untilProgress({
      what: `the stream of ${n} tenant(s)`,
      count: () => processed(redis, queue.stats),
      target: o.posts,
      children,
      queue: producer.queue,
    });
    const seconds = (Date.now() - t0) / 1000;
    await done;
    const workers = pids.reduce((a: number, p, i) => a + procCpuSeconds(p) - (cpu0[i] ?? 0), 0);
    const redisSeconds = (await redisCpu(redis)) - redis0;
    const stats = await redis.hgetall(queue.stats);
    let folds = Number(stats.posts ?? 0);
    if (n > 1) {
      folds = 0;
      for (const t of towns) folds += Number((await redis.hget(tenantKeys(root, t.tenant).stats, 'posts')) ?? 0);
    }
    const r2 = (x: number) => Math.round(x * 100) / 100;
    return {
      tenants: n,
      posts: o.posts,
      seconds: r2(seconds),
      cpuSeconds: { workers: r2(workers), redis: r2(redisSeconds) },
      microsPerPost: Math.round(((workers + redisSeconds) * 1e6) / o.posts),
      foldsPerPost: r2(folds / o.posts),
      irrelevantShare: r2(Number(stats['drop:irrelevant'] ?? 0) / o.posts),
    };
  } finally {
    await producer.close();
    await Promise.all(children.map((c) => stopChild(c)));
    await deleteKeys(redis, `${root}:*`);
  }
}

export function tenantTable(r: TenantBenchResult): string {
  const row = (x: TenantRun) =>
    `${String(x.tenants).padStart(3)} tenant(s): ${x.microsPerPost} µs CPU per post (workers ${x.cpuSeconds.workers} s + Redis ${x.cpuSeconds.redis} s over ${x.posts} posts, ${x.seconds} s), ${x.foldsPerPost} folds per post, ${Math.round(x.irrelevantShare * 100)} % of posts concern no tenant`;
  return `batches: ${r.batchSize} posts (one tenant), ${r.streamBatchSize} (shared stream)\n${row(r.single)}\n${row(r.multi)}\nCPU per post, ${r.multi.tenants} tenants ÷ 1 tenant: ${r.ratio.toFixed(2)}× (goal ≤ 1.3×)\n`;
}
