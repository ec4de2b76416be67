import { randomUUID } from 'node:crypto';
import { type Alert, BUCKET_MS, type TenantKeys } from '@trendwacht/shared';
import type { Logger, RedisClient } from '@trendwacht/shared/node';
import type { TrendDetector } from './detector';

const MINUTE = BUCKET_MS.minute;
const LOCK_MS = 90_000;

export type LoopOptions = {
  redis: RedisClient;
  keys: TenantKeys;
  /** What the loop needs of the detector: its state from Redis, then one minute at a time. */
  detector: Pick<TrendDetector, 'init' | 'tick'>;
  log: Logger;
  /** A minute is read this long after it ends, so late posts of it are in. */
  lagMs?: number;
  everyMs?: number;
  now?: () => number;
  /** Told of the alerts each minute opened, escalated or closed (to send notifications). */
  onAlerts?: (alerts: Alert[]) => Promise<unknown>;
};

/**
 * Runs the detector on the live clock. Any number of workers may run this loop: a lock in
 * Redis (renewed while held) makes exactly one of them the tenant's detector.
 */
export function startDetectorLoop(o: LoopOptions): { stop(): Promise<void> } {
  const now = o.now ?? Date.now;
  const me = randomUUID();
  const lag = o.lagMs ?? 30_000;
  let last: number | null = null;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  const leader = async (): Promise<boolean> => {
    const got = await o.redis.set(o.keys.detectorLock, me, 'PX', LOCK_MS, 'NX');
    if (got === 'OK') return true;
    if ((await o.redis.get(o.keys.detectorLock)) !== me) return false;
    await o.redis.pexpire(o.keys.detectorLock, LOCK_MS);
    return true;
  };

  const step = async () => {
    if (!(await leader())) {
      last = null;
      return;
    }
    const done = Math.floor((now() - lag) / MINUTE) * MINUTE - MINUTE;
    if (last === null) {
      await o.detector.init(done);
      last = done - MINUTE;
    }
    // After a pause, catch up at most an hour of minutes (older ones are in the baseline).
    last = Math.max(last, done - 60 * MINUTE);
    for (let m = last + MINUTE; m <= done && !stopped; m += MINUTE) {
      const alerts = await o.detector.tick(m);
      for (const a of alerts)
        o.log.info({ alert: a.id, kind: a.kind, severity: a.severity, status: a.status }, 'alert');
      last = m;
      // The minute is done whatever happens to its notifications (they are not re-detected).
      if (alerts.length > 0 && o.onAlerts) {
        await o.onAlerts(alerts).catch((err: unknown) => {
          o.log.warn({ error: err instanceof Error ? err.name : 'error' }, 'alert notifications not queued');
        });
      }
    }
  };

  const timer = setInterval(() => {
    running = running.then(step).catch((err: unknown) => {
      o.log.warn({ error: err instanceof Error ? err.name : 'error' }, 'detector step failed');
    });
  }, o.everyMs ?? 5_000);
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      if ((await o.redis.get(o.keys.detectorLock).catch(() => null)) === me) await o.redis.del(o.keys.detectorLock);
    },
  };
}
