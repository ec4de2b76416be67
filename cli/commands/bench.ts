import { LIVE_REFRESH_MS } from '@trendwacht/shared';
import type { Config } from '@trendwacht/shared/node';
import { runBench } from '../bench';
import type { BenchResult } from '../bench-result';
import { type TenantBenchResult, runTenantBench, tenantTable } from '../bench-tenants';
import { type Command, intOption, parse } from '../command';

const MiB = (b: number) => `${(b / 1048576).toFixed(1)} MiB`;

export const benchCommand: Command = {
  name: 'bench',
  summary: 'benchmark the whole pipeline: throughput, latency to the dashboard push, memory, tenants',
  usage: `Usage: trendwacht bench [--posts N] [--workers K] [--rate R] [--latency-seconds S] [--tenants N] [--profile DIR] [--json]

Pushes N synthetic posts through the real pipeline — ingest batching and sealing, the
BullMQ queue with back-pressure, K worker processes (analysis + aggregation in Redis), the
dashboard's SSE push — on a private redis-server with AOF (or REDIS_URL, under a temporary
key root that is deleted afterwards). Then plays R posts/s for S seconds and measures each
post's latency from ingest to the SSE push of its batch, times the analysis alone on the
same posts on one core and on the workers' cores at once (the ratio's denominator), and finally runs one stream through one tenant and then shared by
N tenants (each with its own gazetteer, one worker pool) for their CPU per post. Prints
every figure of issue 20 in one run. A phase that makes no progress for a minute (or whose
worker exits) fails with the queue's state instead of waiting.
  --posts N            posts of the throughput phase (default 200000)
  --workers K          worker processes (default 2)
  --rate R             posts/s of the latency phase (default 5000)
  --latency-seconds S  length of the latency phase (default 20)
  --profile DIR        write V8 CPU profiles of the workers into DIR and print their top
                       functions by self time (open the files in Chrome DevTools)
  --tenants N          tenants sharing the stream in the tenant phase (default 50; 0 skips it)
  --tenant-posts N     posts of each tenant run (default: --posts, at most 50000)
  --tenants-only       only the tenant phase
  --stream-batch N     batch size of the shared stream (default 4 × BATCH_SIZE, at most
                       5000: each of its tenants folds only a share of a batch)
  --json               the figures as JSON`,
  async run(args, config) {
    const { values } = parse(args, OPTIONS);
    try {
      return await benchAll(values, config);
    } finally {
      exitSoon();
    }
  },
};

const OPTIONS = {
  posts: { type: 'string' },
  workers: { type: 'string' },
  rate: { type: 'string' },
  'latency-seconds': { type: 'string' },
  profile: { type: 'string' },
  tenants: { type: 'string' },
  'tenant-posts': { type: 'string' },
  'tenants-only': { type: 'boolean' },
  'stream-batch': { type: 'string' },
  json: { type: 'boolean' },
} as const;

async function benchAll(values: ReturnType<typeof parse<typeof OPTIONS>>['values'], config: Config): Promise<number> {
  const log = values.json ? undefined : (l: string) => process.stderr.write(`${l}\n`);
  const posts = Math.max(1000, intOption('posts', values.posts, 200_000));
  const workers = Math.max(1, intOption('workers', values.workers, 2));
  const tenants = intOption('tenants', values.tenants, 50);
  const redis = config.redisUrl ? { redisUrl: config.redisUrl } : {};
  const pipeline = values['tenants-only']
    ? undefined
    : await runBench({
        posts,
        workers,
        rate: Math.max(1, intOption('rate', values.rate, 5000)),
        latencySeconds: Math.max(1, intOption('latency-seconds', values['latency-seconds'], 20)),
        batchSize: config.batchSize,
        highWater: config.queueHighWater,
        ...redis,
        ...(values.profile ? { profileDir: values.profile } : {}),
        log,
      });
  const shared =
    tenants > 0
      ? await runTenantBench({
          posts: Math.max(1000, intOption('tenant-posts', values['tenant-posts'], Math.min(posts, 50_000))),
          workers,
          tenants: Math.max(2, tenants),
          batchSize: config.batchSize,
          streamBatchSize: Math.min(
            5000,
            Math.max(1, intOption('stream-batch', values['stream-batch'], 4 * config.batchSize)),
          ),
          highWater: config.queueHighWater,
          ...redis,
          log,
        })
      : undefined;
  const out = values.json
    ? `${JSON.stringify({ ...pipeline, ...(shared ? { tenants: shared } : {}) }, null, 2)}\n`
    : `${pipeline ? table(pipeline) : ''}${shared ? tenantTable(shared) : ''}${pipeline && shared ? summary(pipeline, shared) : ''}`;
  process.stdout.write(out);
  return 0;
}

/**
 * The bench is done: a handle still open now (a connection retrying a stopped Redis, a
 * child's pipe) would keep the process alive for ever, so it exits after 10 s, saying what
 * was still open.
 */
function exitSoon(): void {
  setTimeout(() => {
    const names = [...new Set(process.getActiveResourcesInfo())].join(', ');
    process.stderr.write(`bench: done, but still open after 10 s (${names}); exiting\n`);
    process.exit(process.exitCode ?? 0);
  }, 10_000).unref();
}

const perPost = (r: BenchResult, seconds: number) => Math.round((seconds * 1e6) / r.posts);
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

function table(r: BenchResult): string {
  const rows: [string, string][] = [
    ['machine', `${r.machine.cpus} cores, Node ${r.machine.node}`],
    ['posts / workers', `${r.posts} / ${r.workers}`],
    ['end-to-end', `${r.endToEnd.postsPerSecond} posts/s (${r.endToEnd.seconds} s)`],
    [
      'CPU seconds',
      `Redis ${r.endToEnd.cpuSeconds.redis}, workers ${r.endToEnd.cpuSeconds.workers.join(' + ')}, ingest ${r.endToEnd.cpuSeconds.ingest}, dashboard ${r.endToEnd.cpuSeconds.dashboard} (of ${(r.endToEnd.seconds * r.machine.cpus).toFixed(1)} available)`,
    ],
    [
      'CPU µs per post',
      `Redis ${perPost(r, r.endToEnd.cpuSeconds.redis)}, workers ${perPost(
        r,
        r.endToEnd.cpuSeconds.workers.reduce((a, b) => a + b, 0),
      )}, ingest ${perPost(r, r.endToEnd.cpuSeconds.ingest)}`,
    ],
    [
      'analysis only',
      `${r.analysisOnly.postsPerSecondPerCore} posts/s on one core (${r.analysisOnly.postsPerCpuSecond} per CPU-second); ${r.analysisOnly.postsPerSecondOnCores} posts/s on ${r.analysisOnly.cores} cores at once (${r.analysisOnly.cpuMicrosPerPostOnCores} µs CPU a post)`,
    ],
    [
      'ratio',
      `${pct(r.ratio)} of the analysis alone on the same ${r.analysisOnly.cores} core(s) (${pct(r.ratioLinear)} of one core's × ${r.analysisOnly.cores})`,
    ],
    ['CPU ratio', `${pct(r.cpuRatio)} (analysis-only CPU per post ÷ the pipeline's)`],
    [
      `latency @ ${r.latency.rate}/s`,
      `to the push: p50 ${r.latency.p50Ms} ms, p95 ${r.latency.p95Ms} ms, p99 ${r.latency.p99Ms} ms (${r.latency.posts} posts)`,
    ],
    [
      '  to the page',
      `p50 ${r.latency.shown.p50Ms} ms, p95 ${r.latency.shown.p95Ms} ms, p99 ${r.latency.shown.p99Ms} ms (an open overview reads its figures at once after a quiet spell, then at most every ${LIVE_REFRESH_MS} ms)`,
    ],
    ['peak RSS ingest', MiB(r.peakRssBytes.ingest)],
    ['peak RSS workers', r.peakRssBytes.workers.map(MiB).join(', ')],
    [
      'Redis memory',
      `${MiB(r.redisBytes.before)} → ${MiB(r.redisBytes.after)} (${MiB(r.redisBytes.perMillionPosts)} per million posts)`,
    ],
    ...r.redisBytes.byKind
      .slice(0, 12)
      .map((m): [string, string] => [
        `  ${m.kind}`,
        `${MiB(m.bytes)} in ${m.keys} keys (${(m.bytes / r.posts).toFixed(1)} B a post)`,
      ]),
    [
      '  Redis itself',
      `${MiB(r.redisBytes.after - r.redisBytes.before - r.redisBytes.keysBytes)} (key tables, expiries, buffers: after − before − the keys)`,
    ],
    [
      'Redis, next posts',
      `+${MiB(r.redisBytes.next.bytes)} for the latency phase's ${r.redisBytes.next.posts} posts (${MiB(r.redisBytes.next.perMillionPosts)} per million posts)`,
    ],
    ...r.checkpoints.map((c): [string, string] => [
      `  at ${c.posts} posts`,
      `Redis ${MiB(c.redisBytes)}, workers ${c.workerRssBytes.map(MiB).join(', ')}`,
    ]),
    [
      'Redis per post',
      `${r.redisCommands.map((c) => `${c.command} ${c.microsPerPost} µs`).join(', ')} (a script's time includes its commands)`,
    ],
    ...(r.profile
      ? [
          ['workers profiled', `${(r.profile.busyMs / 1000).toFixed(1)} s busy; top self time:`] as [string, string],
          ...r.profile.rows.map((h): [string, string] => [`  ${pct(h.share)}`, `${h.name} ${h.where}`]),
        ]
      : []),
  ];
  const w = Math.max(...rows.map(([k]) => k.length));
  return `${rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join('\n')}\n`;
}

/** The figures issue 20 asks for, each beside its goal. */
function summary(r: BenchResult, t: TenantBenchResult): string {
  return `\nissue 20: ratio ${r.ratio.toFixed(2)} (CPU ratio ${r.cpuRatio.toFixed(2)}; goal ≥ 0.5), p95 ${r.latency.p95Ms} ms at ${r.latency.rate}/s to the push, ${r.latency.shown.p95Ms} ms to the page (goal ≤ 1000), Redis ${MiB(r.redisBytes.perMillionPosts)} per million posts (next posts ${MiB(r.redisBytes.next.perMillionPosts)}; goal ≤ 50), CPU per post ${t.multi.tenants} tenants ÷ 1: ${t.ratio.toFixed(2)}× (goal ≤ 1.3)\n`;
}
