import { BATCH_QUEUE, type Config, type RedisClient } from '@trendwacht/shared/node';
import { type Job, Worker } from 'bullmq';

/**
 * A BullMQ worker on one batch queue, as every tenant and shared stream runs it: its own
 * connection, the configured concurrency and lock times, completed jobs removed at once,
 * failed ones (sealed data and an error code only) kept a week.
 */
export function batchWorker<R>(
  connection: RedisClient,
  queuePrefix: string,
  config: Pick<Config, 'workerConcurrency' | 'workerLockMs' | 'workerStalledMs'>,
  handle: (data: unknown) => Promise<R>,
): Worker<unknown, R> {
  return new Worker<unknown, R>(BATCH_QUEUE, (job: Job) => handle(job.data), {
    connection,
    prefix: queuePrefix,
    concurrency: config.workerConcurrency,
    lockDuration: config.workerLockMs,
    stalledInterval: config.workerStalledMs,
    maxStalledCount: 5,
    removeOnComplete: { count: 0 },
    removeOnFail: { age: 7 * 86_400, count: 1000 },
  });
}
