import { createHash } from 'node:crypto';
import type { Queue } from 'bullmq';
import type { TenantKeys } from '../keys';
import type { NotifyJob, NotifyStatus } from '../notify';
import type { RedisClient } from './redis';

/** The job id: one delivery per alert change (or set of changes) and target, however often it is enqueued. */
export function notifyJobId(job: NotifyJob): string {
  if (job.change === 'test') return `test.${job.target}.${job.at}`;
  if (job.change === 'digest') {
    const items = job.items.map((i) => `${i.alertId}.${i.change}.${i.updatedAt}`).sort();
    return `digest.${job.target}.${createHash('sha256').update(items.join(' ')).digest('hex').slice(0, 32)}`;
  }
  return `${job.alertId}.${job.change}.${job.updatedAt}.${job.target}`;
}
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

/** Record one delivery attempt of a target: delivered, or failed with a code (no URL, no body). */
export async function recordNotifyAttempt(
  redis: RedisClient,
  keys: TenantKeys,
  target: string,
  outcome: { ok: true } | { ok: false; code: string },
  at: number,
): Promise<void> {
  const k = keys.notifyStatus;
  const m = redis.multi();
  if (outcome.ok) m.hincrby(k, `${target}:delivered`, 1).hset(k, `${target}:lastOkAt`, at);
  else m.hincrby(k, `${target}:failed`, 1).hset(k, `${target}:lastErrorAt`, at, `${target}:lastError`, outcome.code);
  await m.exec();
}

/** Each target's delivery status (zeros for a target never tried). */
export async function readNotifyStatus(
  redis: RedisClient,
  keys: TenantKeys,
  targets: readonly string[],
): Promise<Record<string, NotifyStatus>> {
  const raw = await redis.hgetall(keys.notifyStatus);
  const num = (v: string | undefined) => (v === undefined ? null : Number(v));
  return Object.fromEntries(
    targets.map((t) => [
      t,
      {
        delivered: Number(raw[`${t}:delivered`] ?? 0),
        failed: Number(raw[`${t}:failed`] ?? 0),
        lastOkAt: num(raw[`${t}:lastOkAt`]),
        lastErrorAt: num(raw[`${t}:lastErrorAt`]),
        lastError: raw[`${t}:lastError`] ?? null,
      },
    ]),
  );
}
