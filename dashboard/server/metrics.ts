import {
  BATCH_QUEUE,
  LATENCY_BUCKETS_MS,
  LATENCY_INF,
  SEVERITIES,
  type TenantKeys,
  tenantKeys,
} from '@trendwacht/shared';
import type { RedisClient } from '@trendwacht/shared/node';
import { Queue } from 'bullmq';
import { Counter, Gauge, type Metric, Registry, collectDefaultMetrics } from 'prom-client';
import type { AccountStore } from './accounts/accounts';
import { readAlerts } from './trend-queries';

type Labels = Record<string, string>;

/**
 * A histogram whose buckets are already counted elsewhere (the workers add each batch's
 * latency to Redis): prom-client's own Histogram only observes values in this process.
 */
class MirroredHistogram {
  readonly type = 'histogram';
  private values: { value: number; labels: Labels; metricName: string }[] = [];
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}
  set(labels: Labels, buckets: [number, number][], infCount: number, sumSeconds: number) {
    let cum = 0;
    for (const [le, n] of buckets) {
      cum += n;
      this.values.push({ value: cum, labels: { ...labels, le: String(le / 1000) }, metricName: `${this.name}_bucket` });
    }
    cum += infCount;
    this.values.push({ value: cum, labels: { ...labels, le: '+Inf' }, metricName: `${this.name}_bucket` });
    this.values.push({ value: sumSeconds, labels, metricName: `${this.name}_sum` });
    this.values.push({ value: cum, labels, metricName: `${this.name}_count` });
  }
  reset() {
    this.values = [];
  }
  async get() {
    return { name: this.name, help: this.help, type: this.type, values: this.values, aggregator: 'sum' as const };
  }
}

/**
 * Prometheus metrics at /metrics: per tenant, the queue depth, posts processed, dropped and
 * rejected by reason, ingest counts per source, batch latency, open alerts; and this
 * process's own (event loop, memory). Everything is read from Redis at scrape time, so
 * any number of workers and ingest processes add up.
 */
export class MetricsExporter {
  readonly registry = new Registry();
  private readonly queues = new Map<string, Queue>();
  private readonly queueJobs = new Gauge({
    name: 'trendwacht_queue_jobs',
    help: 'Batches in the queue by state',
    labelNames: ['tenant', 'state'],
    registers: [this.registry],
  });
  private readonly posts = new Counter({
    name: 'trendwacht_posts_processed_total',
    help: 'Posts analysed and aggregated',
    labelNames: ['tenant'],
    registers: [this.registry],
  });
  private readonly batches = new Counter({
    name: 'trendwacht_batches_applied_total',
    help: 'Batches applied to the aggregates',
    labelNames: ['tenant'],
    registers: [this.registry],
  });
  private readonly drops = new Counter({
    name: 'trendwacht_posts_dropped_total',
    help: 'Posts the analysis dropped, by reason',
    labelNames: ['tenant', 'reason'],
    registers: [this.registry],
  });
  private readonly ingest = new Counter({
    name: 'trendwacht_ingest_items_total',
    help: 'Items read by ingest, by source and outcome (accepted, duplicate, rejected:<reason>)',
    labelNames: ['tenant', 'source', 'outcome'],
    registers: [this.registry],
  });
  private readonly alerts = new Gauge({
    name: 'trendwacht_alerts_open',
    help: 'Open alerts by severity',
    labelNames: ['tenant', 'severity'],
    registers: [this.registry],
  });
  private readonly latency = new MirroredHistogram(
    'trendwacht_batch_latency_seconds',
    'From a batch sealed at ingest to its aggregates applied in Redis',
  );

  constructor(
    private readonly redis: RedisClient,
    private readonly root: string,
    private readonly accounts: AccountStore,
  ) {
    this.registry.registerMetric(this.latency as unknown as Metric);
    collectDefaultMetrics({ register: this.registry, prefix: 'trendwacht_dashboard_' });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  async render(now: number): Promise<string> {
    for (const m of [this.queueJobs, this.posts, this.batches, this.drops, this.ingest, this.alerts]) m.reset();
    this.latency.reset();
    for (const t of await this.accounts.tenants()) await this.collect(tenantKeys(this.root, t.id), now);
    return this.registry.metrics();
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }

  private queue(keys: TenantKeys): Queue {
    let q = this.queues.get(keys.tenant);
    if (!q) {
      // A shared connection: BullMQ does not close it on q.close().
      q = new Queue(BATCH_QUEUE, { connection: this.redis, prefix: keys.queuePrefix });
      this.queues.set(keys.tenant, q);
    }
    return q;
  }

  private async collect(keys: TenantKeys, now: number): Promise<void> {
    const tenant = keys.tenant;
    const counts = await this.queue(keys).getJobCounts('waiting', 'active', 'delayed', 'failed', 'prioritized');
    for (const [state, n] of Object.entries(counts)) this.queueJobs.set({ tenant, state }, n);
    const stats = await this.redis.hgetall(keys.stats);
    const buckets: [number, number][] = LATENCY_BUCKETS_MS.map((b) => [b, Number(stats[`latency:le:${b}`] ?? 0)]);
    this.latency.set(
      { tenant },
      buckets,
      Number(stats[`latency:le:${LATENCY_INF}`] ?? 0),
      Number(stats['latency:sum_ms'] ?? 0) / 1000,
    );
    this.posts.inc({ tenant }, Number(stats.posts ?? 0));
    this.batches.inc({ tenant }, Number(stats.batches ?? 0));
    for (const [field, raw] of Object.entries(stats)) {
      const n = Number(raw);
      if (field.startsWith('drop:')) this.drops.inc({ tenant, reason: field.slice(5) }, n);
      const m = /^ingest:([^:]+):(.+)$/.exec(field);
      if (m?.[1] && m[2] && m[2] !== 'received') this.ingest.inc({ tenant, source: m[1], outcome: m[2] }, n);
    }
    const open = await readAlerts({ redis: this.redis, keys, k: 0, now: () => now }, 'open', 500);
    const bySeverity = new Map<(typeof SEVERITIES)[number], number>();
    for (const a of open) bySeverity.set(a.severity, (bySeverity.get(a.severity) ?? 0) + 1);
    for (const severity of SEVERITIES) {
      this.alerts.set({ tenant, severity }, bySeverity.get(severity) ?? 0);
    }
  }
}
