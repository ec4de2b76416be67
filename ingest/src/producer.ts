import { setTimeout as sleep } from 'node:timers/promises';
import { BATCH_QUEUE, type Post, type RedisClient, type TenantKeys, connectRedis, seal } from '@trendwacht/shared/node';
import { Queue } from 'bullmq';
import { type Deadline, REDIS_WAIT_MS, redisWhere, withDeadline } from './transport/deadline';

export type ProducerOptions = {
  redisUrl: string;
  keys: TenantKeys;
  sealKey: Buffer;
  /** Pause sending while more than this many batches wait in the queue. */
  highWater: number;
  /** How often to re-check the depth while paused (ms). */
  pollMs?: number;
  /** Give up on one Redis answer after this long (default 60 s): a send then fails with `RedisUnavailable`. */
  redisWaitMs?: number;
  /** Aborting it makes a send waiting on Redis fail at once. */
  stop?: AbortSignal;
};

/** Job options: retried on failure, removed when done (finished jobs would keep their data). */
export const JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 500 },
  removeOnComplete: true,
  removeOnFail: { age: 7 * 86_400, count: 1000 },
} as const;

/**
 * Seals batches and puts them on the tenant's queue, waiting while the queue is too deep
 * (back-pressure, as long as it takes) but not for an absent Redis: each Redis answer is
 * awaited at most `redisWaitMs`, then the send fails with `RedisUnavailable`.
 */
export class BatchProducer {
  readonly queue: Queue;
  private readonly connection: RedisClient;
  private readonly deadline: Deadline;
  private paused = 0;

  constructor(private readonly opts: ProducerOptions) {
    this.connection = connectRedis(opts.redisUrl);
    this.queue = new Queue(BATCH_QUEUE, {
      connection: this.connection,
      prefix: opts.keys.queuePrefix,
      defaultJobOptions: JOB_OPTIONS,
    });
    this.deadline = {
      waitMs: opts.redisWaitMs ?? REDIS_WAIT_MS,
      where: redisWhere(opts.redisUrl),
      ...(opts.stop ? { stop: opts.stop } : {}),
    };
  }

  /** Times a send had to wait for the queue to drain below the high-water mark. */
  get pauses(): number {
    return this.paused;
  }

  /** Batches waiting in the queue (Redis bounded as for a send). */
  depth(o: { waitMs?: number } = {}): Promise<number> {
    const d = o.waitMs ? { ...this.deadline, waitMs: o.waitMs } : this.deadline;
    return withDeadline(this.queue.count(), d, 'reading the queue depth');
  }

  /** Seals and queues one batch; resolves to its id once queued (`waitMs`: this send's own bound on Redis). */
  async send(posts: Post[], o: { waitMs?: number } = {}): Promise<string> {
    const d = o.waitMs ? { ...this.deadline, waitMs: o.waitMs } : this.deadline;
    let waited = false;
    while ((await this.depth(o)) >= this.opts.highWater) {
      waited = true;
      await sleep(this.opts.pollMs ?? 100);
    }
    if (waited) this.paused++;
    const batch = seal(posts, this.opts.sealKey, this.opts.keys.tenant);
    await withDeadline(
      this.queue.addBulk([{ name: 'batch', data: batch, opts: { jobId: batch.batchId } }]),
      d,
      'queueing a batch',
    );
    return batch.batchId;
  }

  /**
   * Closes the queue and its connection; with Redis gone, gives up after a few seconds and
   * drops the connection (`redisGone`: at once — Redis was already found not answering).
   */
  async close(o: { redisGone?: boolean } = {}): Promise<void> {
    if (o.redisGone) return void this.connection.disconnect();
    const bounded = { waitMs: Math.min(this.deadline.waitMs, 5_000) };
    await withDeadline(this.queue.close(), bounded, 'closing').catch(() => undefined);
    // BullMQ leaves a connection it was given open.
    await withDeadline(this.connection.quit(), bounded, 'closing').catch(() => this.connection.disconnect());
  }
}
