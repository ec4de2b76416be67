import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { AccountStore, SESSION_COOKIE } from '@trendwacht/dashboard';
import { generateDay } from '@trendwacht/fixtures';
import { BatchProducer, type Source, runIngest } from '@trendwacht/ingest';
import { type PostInput, accountKeys, tenantKeys } from '@trendwacht/shared';
import {
  type RedisClient,
  type RedisServerHandle,
  childEnv,
  connectRedis,
  deleteKeys,
  freePort,
  startRedisServer,
} from '@trendwacht/shared/node';
import { createAnalyzer } from '@trendwacht/worker';
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
  /** Write V8 CPU profiles of the worker processes into this directory. */
  profileDir?: string;
  log?: (line: string) => void;
};

export type Checkpoint = { posts: number; redisBytes: number; workerRssBytes: number[] };

export type BenchResult = {
  machine: { cpus: number; node: string };
  posts: number;
  workers: number;
  endToEnd: {
    seconds: number;
    postsPerSecond: number;
    redisCpuSeconds: number;
    /** CPU seconds each part used during the throughput phase (ingest = this process). */
    cpuSeconds: { redis: number; ingest: number; workers: number[]; dashboard: number };
  };
  analysisOnly: { posts: number; postsPerSecondPerCore: number };
  /** End-to-end ÷ (analysis-only per core × cores the workers can use). */
  ratio: number;
  latency: { rate: number; posts: number; p50Ms: number; p95Ms: number; p99Ms: number };
  peakRssBytes: { ingest: number; workers: number[] };
  redisBytes: { before: number; after: number; perMillionPosts: number };
  checkpoints: Checkpoint[];
};

const POOL = 20_000;
const TENANT = 'bench';

/**
 * Posts from a synthetic pool, each with a fresh id and written "now" (a live stream, as a
 * firehose delivers it), as fast as the pipeline takes them or at `rate`/s.
 */
export function benchSource(
  pool: readonly PostInput[],
  n: number,
  offset: number,
  rate?: number,
  onYield?: (id: string) => void,
): Source {
  return {
    name: 'bench',
    async *items() {
      const t0 = Date.now();
      for (let i = 0; i < n; i++) {
        if (rate && i % 50 === 0) {
          const wait = t0 + (i / rate) * 1000 - Date.now();
          if (wait > 1) await sleep(wait);
        }
        const p = pool[(offset + i) % pool.length] as PostInput;
        const id = `${p.id}-${offset + i}`;
        onYield?.(`${p.source ?? 'bench'}:${id}`);
        yield { ...p, id, createdAt: new Date().toISOString() };
      }
    },
  };
}

const pct = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

function procBytes(pid: number | undefined, field: 'VmRSS' | 'VmHWM'): number {
  if (!pid) return 0;
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m?.[1] ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** CPU seconds (user + system) a process has used, from /proc (clock ticks of 10 ms). */
export function procCpuSeconds(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

export async function usedMemory(redis: RedisClient): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
}

/** CPU seconds Redis has used (user + system). */
export async function redisCpu(redis: RedisClient): Promise<number> {
  const info = await redis.info('cpu');
  const get = (k: string) => Number(new RegExp(`${k}:([\\d.]+)`).exec(info)?.[1] ?? 0);
  return get('used_cpu_user') + get('used_cpu_sys');
}

export async function processed(redis: RedisClient, stats: string): Promise<number> {
  const s = await redis.hgetall(stats);
  let n = Number(s.posts ?? 0);
  for (const [f, v] of Object.entries(s)) if (f.startsWith('drop:')) n += Number(v);
  return n;
}

/** The dashboard's SSE stream of the bench tenant: receive time of each batch id. */
async function listen(url: string, cookie: string, seen: Map<string, number>, signal: AbortSignal) {
  const res = await fetch(new URL(`/api/t/${TENANT}/stream`, url), { headers: { Cookie: cookie }, signal });
  const reader = res.body?.getReader();
  if (!reader) throw new Error('no SSE body');
  const decoder = new TextDecoder();
  let buf = '';
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      const at = Date.now();
      buf += decoder.decode(value, { stream: true });
      let end = buf.indexOf('\n\n');
      while (end >= 0) {
        const data = /^data: (.*)$/m.exec(buf.slice(0, end))?.[1];
        if (data) {
          const ev = JSON.parse(data) as { batchId?: string };
          if (ev.batchId) seen.set(ev.batchId, at);
        }
        buf = buf.slice(end + 2);
        end = buf.indexOf('\n\n');
      }
    }
  })();
}

export async function until(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`bench: timed out waiting for ${what}`);
    await sleep(50);
  }
}

/**
 * The whole pipeline under load: ingest (batching, sealing, queue with back-pressure) →
 * K worker processes (analysis, aggregation in Redis) → the dashboard's SSE push.
 */
export async function runBench(o: BenchOptions): Promise<BenchResult> {
  const log = o.log ?? (() => undefined);
  const dir = await mkdtemp(join(tmpdir(), 'tw-bench-'));
  const server: RedisServerHandle | null = o.redisUrl ? null : await startRedisServer({ dir, appendonly: true });
  const redisUrl = o.redisUrl ?? (server as RedisServerHandle).url;
  const redis = connectRedis(redisUrl);
  const root = `bench${randomBytes(4).toString('hex')}`;
  const keys = tenantKeys(root, TENANT);
  const sealKey = randomBytes(32);
  const children: ChildProcess[] = [];
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
      30_000,
      'dashboard',
    );
    const login = await fetch(new URL('/api/session', base), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: `user@${TENANT}`, password }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? `${SESSION_COOKIE}=`;
    const pushed = new Map<string, number>();
    await listen(base, cookie, pushed, abort.signal);

    const pool = generateDay({ seed: 17, start: Date.now() - 23 * 3_600_000, posts: POOL, scenario: null });
    const producer = new BatchProducer({ redisUrl, keys, sealKey, highWater: o.highWater });
    const workerPids = children.slice(0, o.workers).map((c) => c.pid);
    // Workers compile and load the model at start: time only from when all K are listening.
    await until(async () => (await producer.queue.getWorkers()).length >= o.workers, 60_000, 'the workers');
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
    const ingestDone = runIngest(benchSource(pool, o.posts, 0), {
      send: (p) => producer.send(p),
      batchSize: o.batchSize,
      batchMs: 100,
    });
    await until(
      async () => {
        const n = await processed(redis, keys.stats);
        if (n >= next) {
          checkpoints.push({
            posts: n,
            redisBytes: await usedMemory(redis),
            workerRssBytes: workerPids.map((p) => procBytes(p, 'VmRSS')),
          });
          log(`  ${n} posts, Redis ${((checkpoints.at(-1)?.redisBytes ?? 0) / 1048576) | 0} MiB`);
          next += every;
        }
        return n >= o.posts;
      },
      3_600_000,
      'the throughput phase',
    );
    const seconds = (Date.now() - t0) / 1000;
    await ingestDone;
    const redisAfter = await usedMemory(redis);
    const redisCpuSeconds = (await redisCpu(redis)) - cpuBefore;
    const ingestCpu = process.cpuUsage(ingestCpuBefore);
    const procCpu = [...workerPids, dashboardPid].map((p, i) => procCpuSeconds(p) - (procCpuBefore[i] ?? 0));
    const r2 = (x: number) => Math.round(x * 100) / 100;

    // 2. Latency: a steady rate; each post from the moment ingest reads it to the SSE push of its batch.
    const latencyPosts = Math.round(o.rate * o.latencySeconds);
    log(`latency: ${latencyPosts} posts at ${o.rate}/s…`);
    const readAt = new Map<string, number>();
    const batches: { id: string; reads: number[] }[] = [];
    await runIngest(
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
    await until(async () => batches.every((b) => pushed.has(b.id)), 60_000, 'SSE pushes of every batch');
    const latencies = batches.flatMap((b) => b.reads.map((r) => (pushed.get(b.id) ?? r) - r)).sort((a, b) => a - b);
    await producer.close();
    const ingestRss = process.resourceUsage().maxRSS * 1024;
    const workerPeak = workerPids.map((p) => procBytes(p, 'VmHWM'));

    // 3. Analysis alone, on the same posts, one core.
    const analyze = createAnalyzer();
    const analyzeMany = (n: number) => {
      for (let i = 0; i < n; i++) {
        const p = pool[i % pool.length] as PostInput;
        analyze({ id: String(p.id), text: String(p.text), ...(p.lang ? { lang: p.lang } : {}) });
      }
    };
    const sample = Math.min(o.posts, 100_000);
    analyzeMany(2000); // warm-up
    const a0 = process.hrtime.bigint();
    analyzeMany(sample);
    const perCore = sample / (Number(process.hrtime.bigint() - a0) / 1e9);
    const cpus = availableParallelism();
    const e2e = o.posts / seconds;
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
      analysisOnly: { posts: sample, postsPerSecondPerCore: Math.round(perCore) },
      ratio: Math.round((e2e / (perCore * Math.min(o.workers, cpus))) * 1000) / 1000,
      latency: {
        rate: o.rate,
        posts: latencies.length,
        p50Ms: pct(latencies, 0.5),
        p95Ms: pct(latencies, 0.95),
        p99Ms: pct(latencies, 0.99),
      },
      peakRssBytes: { ingest: ingestRss, workers: workerPeak },
      redisBytes: {
        before: redisBefore,
        after: redisAfter,
        perMillionPosts: Math.round(((redisAfter - redisBefore) / o.posts) * 1e6),
      },
      checkpoints,
    };
  } finally {
    abort.abort();
    await Promise.all(children.map((c) => stopChild(c)));
    if (o.redisUrl) await deleteKeys(redis, `${root}:*`);
    await redis.quit().catch(() => undefined);
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
