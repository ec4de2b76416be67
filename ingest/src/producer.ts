import { setTimeout as sleep } from 'node:timers/promises';
import { BATCH_QUEUE, type Post, type RedisClient, type TenantKeys, connectRedis, seal } from '@trendwacht/shared/node';
import { Queue } from 'bullmq';

export type ProducerOptions = {
  redisUrl: string;
  keys: TenantKeys;
  sealKey: Buffer;
  /** Pause sending while more than this many batches wait in the queue. */
  highWater: number;
  /** How often to re-check the depth while paused (ms). */
  pollMs?: number;
};

/** Job options: retried on failure, removed when done (finished jobs would keep their data). */
export const JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 500 },
  removeOnComplete: true,
  removeOnFail: { age: 7 * 86_400, count: 1000 },
} as const;

/** Seals batches and puts them on the tenant's queue, waiting while the queue is too deep. */
export class BatchProducer {
  readonly queue: Queue;
  private readonly connection: RedisClient;
  private paused = 0;

  constructor(private readonly opts: ProducerOptions) {
    this.connection = connectRedis(opts.redisUrl);
    this.queue = new Queue(BATCH_QUEUE, {
      connection: this.connection,
      prefix: opts.keys.queuePrefix,
      defaultJobOptions: JOB_OPTIONS,
    });
  }

  /** Times a send had to wait for the queue to drain below the high-water mark. */
  get pauses(): number {
    return this.paused;
  }

  /** Seals and queues one batch; resolves to its id once queued. */
  async send(posts: Post[]): Promise<string> {
    let waited = false;
    while ((await this.queue.count()) >= this.opts.highWater) {
      waited = true;
      await sleep(this.opts.pollMs ?? 100);
    }
    if (waited) this.paused++;
    const batch = seal(posts, this.opts.sealKey, this.opts.keys.tenant);
    await this.queue.addBulk([{ name: 'batch', data: batch, opts: { jobId: batch.batchId } }]);
    return batch.batchId;
  }

  async close(): Promise<void> {
    await this.queue.close();
    // BullMQ leaves a connection it was given open.
    await this.connection.quit().catch(() => undefined);
  }
}
