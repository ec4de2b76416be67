import type { Queue } from 'bullmq';
import { type NotifyJob, notifyJobId } from '../notify';

/** Attempts per notification and the first retry's delay (doubling after: 30 s … about an hour). */
export const NOTIFY_RETRY = { attempts: 8, retryDelayMs: 30_000 };

/**
 * Add notification jobs to a tenant's `notify` queue, deduplicated by job id, with the
 * retry policy. Used by the worker (alert changes) and the dashboard (test button).
 */
export async function enqueueNotifications(
  queue: Queue,
  jobs: readonly NotifyJob[],
  o: { attempts?: number; retryDelayMs?: number } = {},
): Promise<void> {
  if (jobs.length === 0) return;
  await queue.addBulk(
    jobs.map((data) => ({
      name: data.change,
      data,
      opts: {
        jobId: notifyJobId(data),
        attempts: o.attempts ?? NOTIFY_RETRY.attempts,
        backoff: { type: 'exponential', delay: o.retryDelayMs ?? NOTIFY_RETRY.retryDelayMs },
      },
    })),
  );
}
