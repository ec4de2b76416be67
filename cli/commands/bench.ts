import { type BenchResult, runBench } from '../bench';
import { runTenantBench, tenantTable } from '../bench-tenants';
import { type Command, intOption, parse } from '../command';

const MiB = (b: number) => `${(b / 1048576).toFixed(1)} MiB`;

export const benchCommand: Command = {
  name: 'bench',
  summary: 'benchmark the whole pipeline: throughput, latency to the dashboard push, memory',
  usage: `Usage: trendwacht bench [--posts N] [--workers K] [--rate R] [--latency-seconds S] [--json]

Pushes N synthetic posts through the real pipeline — ingest batching and sealing, the
BullMQ queue with back-pressure, K worker processes (analysis + aggregation in Redis), the
dashboard's SSE push — on a private redis-server with AOF (or REDIS_URL, under a temporary
key root that is deleted afterwards). Then plays R posts/s for S seconds and measures each
post's latency from ingest to the SSE push of its batch. Finally times the analysis alone
on the same posts on one core.
  --posts N            posts of the throughput phase (default 200000)
  --workers K          worker processes (default 2)
  --rate R             posts/s of the latency phase (default 5000)
  --latency-seconds S  length of the latency phase (default 20)
  --profile DIR        write V8 CPU profiles of the workers into DIR (open in Chrome DevTools)
  --tenants N          instead: the same stream through one tenant, then shared by N tenants
                       (each with its own gazetteer, one worker pool); CPU per post of both
  --stream-batch N     with --tenants: batch size of the shared stream (default 4 × BATCH_SIZE,
                       at most 5000: each of its tenants folds only a share of a batch)
  --json               the figures as JSON`,
  async run(args, config) {
    const { values } = parse(args, {
      posts: { type: 'string' },
      workers: { type: 'string' },
      rate: { type: 'string' },
      'latency-seconds': { type: 'string' },
      profile: { type: 'string' },
      tenants: { type: 'string' },
      'stream-batch': { type: 'string' },
      json: { type: 'boolean' },
    });
    if (values.tenants) {
      const r = await runTenantBench({
        posts: Math.max(1000, intOption('posts', values.posts, 100_000)),
        workers: Math.max(1, intOption('workers', values.workers, 2)),
        tenants: Math.max(2, intOption('tenants', values.tenants, 50)),
        batchSize: config.batchSize,
        streamBatchSize: Math.min(
          5000,
          Math.max(1, intOption('stream-batch', values['stream-batch'], 4 * config.batchSize)),
        ),
        highWater: config.queueHighWater,
        ...(config.redisUrl ? { redisUrl: config.redisUrl } : {}),
        log: values.json ? undefined : (l) => process.stderr.write(`${l}\n`),
      });
      process.stdout.write(values.json ? `${JSON.stringify(r, null, 2)}\n` : tenantTable(r));
      return 0;
    }
    const result = await runBench({
      posts: Math.max(1000, intOption('posts', values.posts, 200_000)),
      workers: Math.max(1, intOption('workers', values.workers, 2)),
      rate: Math.max(1, intOption('rate', values.rate, 5000)),
      latencySeconds: Math.max(1, intOption('latency-seconds', values['latency-seconds'], 20)),
      batchSize: config.batchSize,
      highWater: config.queueHighWater,
      ...(config.redisUrl ? { redisUrl: config.redisUrl } : {}),
      ...(values.profile ? { profileDir: values.profile } : {}),
      log: values.json ? undefined : (l) => process.stderr.write(`${l}\n`),
    });
    process.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : table(result));
    return 0;
  },
};

const perPost = (r: BenchResult, seconds: number) => Math.round((seconds * 1e6) / r.posts);

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
    ['analysis only', `${r.analysisOnly.postsPerSecondPerCore} posts/s per core`],
    ['ratio', `${(r.ratio * 100).toFixed(1)} % of analysis-only × ${Math.min(r.workers, r.machine.cpus)} core(s)`],
    [
      `latency @ ${r.latency.rate}/s`,
      `p50 ${r.latency.p50Ms} ms, p95 ${r.latency.p95Ms} ms, p99 ${r.latency.p99Ms} ms (${r.latency.posts} posts)`,
    ],
    ['peak RSS ingest', MiB(r.peakRssBytes.ingest)],
    ['peak RSS workers', r.peakRssBytes.workers.map(MiB).join(', ')],
    [
      'Redis memory',
      `${MiB(r.redisBytes.before)} → ${MiB(r.redisBytes.after)} (${MiB(r.redisBytes.perMillionPosts)} per million posts)`,
    ],
    ...r.checkpoints.map((c): [string, string] => [
      `  at ${c.posts} posts`,
      `Redis ${MiB(c.redisBytes)}, workers ${c.workerRssBytes.map(MiB).join(', ')}`,
    ]),
  ];
  const w = Math.max(...rows.map(([k]) => k.length));
  return `${rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join('\n')}\n`;
}
