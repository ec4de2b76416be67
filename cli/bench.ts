import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { AccountStore, SESSION_COOKIE } from '@trendwacht/dashboard';
import { generateDay } from '@trendwacht/fixtures';
import { BatchProducer, runIngest } from '@trendwacht/ingest';
import { accountKeys, tenantKeys } from '@trendwacht/shared';
import {
  type RedisServerHandle,
  childEnv,
  connectRedis,
  deleteKeys,
  freePort,
  startRedisServer,
} from '@trendwacht/shared/node';
import { analysisOnCores } from './bench-cores';
import {
  commandStats,
  perPostCommands,
  procBytes,
  procCpuSeconds,
  processed,
  redisCpu,
  until,
  untilDone,
  untilProgress,
  usedMemory,
} from './bench-measure';
import { memoryByKind } from './bench-memory';
import type { BenchResult, Checkpoint } from './bench-result';
import { analysisPerCore, benchSource, listen } from './bench-stream';
import { hotSpots, readProfiles } from './cpu-profile';
import { BIN, WORKER_NODE_FLAGS, stopChild } from './processes';

export type BenchOptions = {
  posts: number;
  workers: number;
  /** Posts per second of the latency phase. */
  rate: number;
  /** Seconds of the latency phase. */
  latencySeconds: number;
  batchSize: number;
  highWater: number;
  /** An existing Redis (a private redis-server with AOF is started otherwise). */
  redisUrl?: string;
  /** Write V8 CPU profiles of the worker processes into this directory (and summarise them). */
  profileDir?: string;
  log?: (line: string) => void;
};

const POOL = 20_000;
const TENANT = 'bench';

const pct = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

/**
 * The whole pipeline under load: ingest (batching, sealing, queue with back-pressure) →
 * K worker processes (analysis, aggregation in Redis) → the dashboard's SSE push.
 */
export async function runBench(o: BenchOptions): Promise<BenchResult> {
  let result: BenchResult | undefined;
  try {
    result = await pipelineBench(o);
    return result;
  } finally {
    // Profiles are written when the workers exit (pipelineBench stops them).
    if (o.profileDir && result) result.profile = hotSpots(await readProfiles(o.profileDir), 25);
  }
}

async function pipelineBench(o: BenchOptions): Promise<BenchResult> {
  const log = o.log ?? (() => undefined);
  const dir = await mkdtemp(join(tmpdir(), 'tw-bench-'));
  const server: RedisServerHandle | null = o.redisUrl ? null : await startRedisServer({ dir, appendonly: true });
  const redisUrl = o.redisUrl ?? (server as RedisServerHandle).url;
  const redis = connectRedis(redisUrl);
  const root = `bench${randomBytes(4).toString('hex')}`;
  const keys = tenantKeys(root, TENANT);
  const sealKey = randomBytes(32);
  const children: ChildProcess[] = [];
  // Closed on every way out: a producer left open after an error kept reconnecting to the
  // stopped redis-server, and the bench process never exited (the stall of 2026-12-02).
  const closing: (() => Promise<void>)[] = [];
  const abort = new AbortController();
  try {
    const accounts = new AccountStore(redis, accountKeys(root));
    await accounts.createTenant(TENANT, 'Bench');
    const { password } = await accounts.createUser(`user@${TENANT}`, 'Bench');
    await accounts.grant(`user@${TENANT}`, TENANT, 'viewer');
    const port = await freePort();
    const env = childEnv({
      REDIS_URL: redisUrl,
      TRENDWACHT_KEY_PREFIX: root,
      TRENDWACHT_TENANT: TENANT,
      TRENDWACHT_SEAL_KEY: sealKey.toString('hex'),
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
    });
    const prof = o.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${o.profileDir}`] : [];
    for (let i = 0; i < o.workers; i++) {
      children.push(spawn(process.execPath, [...prof, ...WORKER_NODE_FLAGS, BIN, 'worker'], { env, stdio: 'inherit' }));
    }
    children.push(spawn(process.execPath, [BIN, 'dashboard'], { env, stdio: 'inherit' }));
    const base = `http://127.0.0.1:${port}/`;
    await until(
      async () => (await fetch(new URL('/api/health', base)).catch(() => null))?.ok === true,
      // Workers warm their analyzers up meanwhile (seconds of CPU each): on a busy machine 30 s was too short.
      180_000,
      'dashboard',
    );
    const login = await fetch(new URL('/api/session', base), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: `user@${TENANT}`, password }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? `${SESSION_COOKIE}=`;
    const pushed = new Map<string, number>();
    const shown = new Map<string, number>();
    await listen(base, TENANT, cookie, pushed, abort.signal, shown);

    const poolSpec = { seed: 17, start: Date.now() - 23 * 3_600_000, pool: POOL };
    const pool = generateDay({ seed: poolSpec.seed, start: poolSpec.start, posts: POOL, scenario: null });
    const producer = new BatchProducer({ redisUrl, keys, sealKey, highWater: o.highWater });
    closing.push(() => producer.close());
    const workerPids = children.slice(0, o.workers).map((c) => c.pid);
    // Workers compile and load the model at start: time only from when all K are listening.
    await until(async () => (await producer.queue.getWorkers()).length >= o.workers, 180_000, 'the workers');
    const redisBefore = await usedMemory(redis);
    const cpuBefore = await redisCpu(redis);
    const dashboardPid = children.at(-1)?.pid;
    const procCpuBefore = [...workerPids, dashboardPid].map(procCpuSeconds);
    const ingestCpuBefore = process.cpuUsage();

    // 1. Throughput: as fast as the pipeline takes posts (back-pressure paces ingest).
    log(`throughput: ${o.posts} posts through ${o.workers} worker(s)…`);
    const checkpoints: Checkpoint[] = [];
    const every = Math.max(1, Math.floor(o.posts / 5));
    let next = every;
    const t0 = Date.now();
    let ingestError: unknown;
    const ingestDone = runIngest(benchSource(pool, o.posts, 0), {
      send: (p) => producer.send(p),
      batchSize: o.batchSize,
      batchMs: 100,
    });
    ingestDone.catch((err) => {
      ingestError = err;
    });
    const cmdBefore = await commandStats(redis);
    await untilProgress({
      what: 'the throughput phase',
      count: async () => {
        if (ingestError) throw ingestError;
        return processed(redis, keys.stats);
      },
      target: o.posts,
      children,
      queue: producer.queue,
      onCount: async (n) => {
        if (n < next) return;
        checkpoints.push({
          posts: n,
          redisBytes: await usedMemory(redis),
          workerRssBytes: workerPids.map((p) => procBytes(p, 'VmRSS')),
        });
        log(`  ${n} posts, Redis ${((checkpoints.at(-1)?.redisBytes ?? 0) / 1048576) | 0} MiB`);
        next += every;
      },
    });
    const seconds = (Date.now() - t0) / 1000;
    await ingestDone;
    const redisAfter = await usedMemory(redis);
    const redisCommands = perPostCommands(cmdBefore, await commandStats(redis), o.posts);
    const byKind = await memoryByKind(redis, root);
    const redisCpuSeconds = (await redisCpu(redis)) - cpuBefore;
    const ingestCpu = process.cpuUsage(ingestCpuBefore);
    const procCpu = [...workerPids, dashboardPid].map((p, i) => procCpuSeconds(p) - (procCpuBefore[i] ?? 0));
    const r2 = (x: number) => Math.round(x * 100) / 100;

    // 2. Latency: a steady rate; each post from the moment ingest reads it to the SSE push of its batch.
    const latencyPosts = Math.round(o.rate * o.latencySeconds);
    log(`latency: ${latencyPosts} posts at ${o.rate}/s…`);
    const readAt = new Map<string, number>();
    const batches: { id: string; reads: number[] }[] = [];
    const latencyIngest = runIngest(
      benchSource(pool, latencyPosts, o.posts, o.rate, (id) => readAt.set(id, Date.now())),
      {
        send: async (posts) => {
          const reads = posts.map((p) => readAt.get(p.id) ?? Date.now());
          for (const p of posts) readAt.delete(p.id);
          batches.push({ id: await producer.send(posts), reads });
        },
        batchSize: o.batchSize,
        batchMs: 100,
      },
    );
    // A worker that dies now would leave ingest waiting on back-pressure for ever.
    await untilDone(latencyIngest, children, 'the latency phase');
    // Under load the workers may be minutes behind: wait as long as pushes keep coming.
    await untilProgress({
      what: 'the SSE pushes of the latency phase',
      count: async () => batches.filter((b) => pushed.has(b.id)).length,
      target: batches.length,
      unit: 'batches',
      children,
      queue: producer.queue,
    });
    // The page reads its figures again at most every LIVE_REFRESH_MS: the last batches are shown then.
    await untilProgress({
      what: 'the overview reads of the latency phase',
      count: async () => batches.filter((b) => shown.has(b.id)).length,
      target: batches.length,
      unit: 'batches',
      stallMs: 10_000,
    });
    const redisAfterLatency = await usedMemory(redis);
    const after = (at: Map<string, number>) =>
      batches.flatMap((b) => b.reads.map((r) => (at.get(b.id) ?? r) - r)).sort((a, b) => a - b);
    const latencies = after(pushed);
    const seenLatencies = after(shown);
    const ingestRss = process.resourceUsage().maxRSS * 1024;
    const workerPeak = workerPids.map((p) => procBytes(p, 'VmHWM'));

    // 3. Analysis alone, on the same posts: on one core, and on the cores the workers had (stopped now).
    await Promise.all(children.slice(0, o.workers).map((c) => stopChild(c)));
    const sample = Math.min(o.posts, 100_000);
    const { wall: perCore, cpu: perCpuSecond } = analysisPerCore(pool, sample);
    const cpus = availableParallelism();
    const cores = Math.min(o.workers, cpus);
    const onCores = await analysisOnCores(poolSpec, sample, cores);
    const e2e = o.posts / seconds;
    const pipelineCpu = redisCpuSeconds + procCpu.slice(0, o.workers).reduce((a, b) => a + b, 0);
    const cpuPerPost = (pipelineCpu + (ingestCpu.user + ingestCpu.system) / 1e6) / o.posts;
    return {
      machine: { cpus, node: process.version },
      posts: o.posts,
      workers: o.workers,
      endToEnd: {
        seconds: Math.round(seconds * 100) / 100,
        postsPerSecond: Math.round(e2e),
        redisCpuSeconds: r2(redisCpuSeconds),
        cpuSeconds: {
          redis: r2(redisCpuSeconds),
          ingest: r2((ingestCpu.user + ingestCpu.system) / 1e6),
          workers: procCpu.slice(0, o.workers).map(r2),
          dashboard: r2(procCpu.at(-1) ?? 0),
        },
      },
      analysisOnly: {
        posts: sample,
        postsPerSecondPerCore: Math.round(perCore),
        postsPerCpuSecond: Math.round(perCpuSecond),
        cores,
        postsPerSecondOnCores: Math.round(onCores.postsPerSecond),
        cpuMicrosPerPostOnCores: Math.round(onCores.cpuMicrosPerPost),
      },
      ratio: Math.round((e2e / onCores.postsPerSecond) * 1000) / 1000,
      ratioLinear: Math.round((e2e / (perCore * cores)) * 1000) / 1000,
      cpuRatio: Math.round((1 / perCpuSecond / cpuPerPost) * 1000) / 1000,
      latency: {
        rate: o.rate,
        posts: latencies.length,
        p50Ms: pct(latencies, 0.5),
        p95Ms: pct(latencies, 0.95),
        p99Ms: pct(latencies, 0.99),
        shown: { p50Ms: pct(seenLatencies, 0.5), p95Ms: pct(seenLatencies, 0.95), p99Ms: pct(seenLatencies, 0.99) },
      },
      peakRssBytes: { ingest: ingestRss, workers: workerPeak },
      redisBytes: {
        before: redisBefore,
        after: redisAfter,
        perMillionPosts: Math.round(((redisAfter - redisBefore) / o.posts) * 1e6),
        keysBytes: byKind.reduce((n, m) => n + m.bytes, 0),
        byKind,
        next: {
          posts: latencyPosts,
          bytes: redisAfterLatency - redisAfter,
          perMillionPosts: Math.round(((redisAfterLatency - redisAfter) / Math.max(1, latencyPosts)) * 1e6),
        },
      },
      checkpoints,
      redisCommands,
    };
  } finally {
    abort.abort();
    for (const close of closing) await close().catch(() => undefined);
    await Promise.all(children.map((c) => stopChild(c)));
    if (o.redisUrl) await deleteKeys(redis, `${root}:*`);
    await redis.quit().catch(() => undefined);
    // A redis-server that does not stop within 15 s is killed.
    if (server) {
      // The timer is cancelled once Redis stopped: left running, it kept the bench alive 15 s more.
      const late = new AbortController();
      await Promise.race([
        server.stop(),
        sleep(15_000, undefined, { signal: late.signal }).then(
          () => server.process.kill('SIGKILL'),
          () => undefined,
        ),
      ]);
      late.abort();
    }
    await rm(dir, { recursive: true, force: true });
  }
}
