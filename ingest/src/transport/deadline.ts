import { redisTarget } from '@trendwacht/shared/node';

/** Redis did not answer in time (or the run was stopped while waiting): names Redis and where, never a password. */
export class RedisUnavailable extends Error {
  override name = 'RedisUnavailable';
}

/** How long ingest waits for one Redis answer before giving up (a restart of Redis takes seconds, not minutes). */
export const REDIS_WAIT_MS = 60_000;

export type Deadline = {
  /** Give up on one Redis answer after this long (ms). */
  waitMs: number;
  /** Given up on at once when this aborts (a second Ctrl-C, or the grace period after the first). */
  stop?: AbortSignal;
  /** Where Redis is, for the message (`host:port`). */
  where?: string;
};

/** `host:port` of a Redis URL, for messages (no user name or password). */
export function redisWhere(url: string): string {
  try {
    const t = redisTarget(url);
    return `${t.host}:${t.port}`;
  } catch {
    return 'the configured REDIS_URL';
  }
}

/**
 * A Redis call bounded in time: resolves as `p` does, or rejects with `RedisUnavailable`
 * after `waitMs` or when `stop` aborts. (The command itself may still run later, when Redis
 * is back: everything ingest sends is idempotent by post id.)
 */
export function withDeadline<T>(p: Promise<T>, d: Deadline | undefined, what: string): Promise<T> {
  if (!d) return p;
  return new Promise<T>((resolve, reject) => {
    const where = d.where ? ` at ${d.where}` : '';
    const fail = (why: string) => {
      cleanup();
      reject(new RedisUnavailable(`Redis${where} ${why} (${what})`));
    };
    const timer = setTimeout(() => fail(`did not answer within ${Math.round(d.waitMs / 1000)} s`), d.waitMs);
    const onStop = () => fail('was still not answering when ingest was stopped');
    const cleanup = () => {
      clearTimeout(timer);
      d.stop?.removeEventListener('abort', onStop);
    };
    if (d.stop?.aborted) return onStop();
    d.stop?.addEventListener('abort', onStop, { once: true });
    p.then(
      (v) => {
        cleanup();
        resolve(v);
      },
      (err: unknown) => {
        cleanup();
        reject(err);
      },
    );
  });
}
