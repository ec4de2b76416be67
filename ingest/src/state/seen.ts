import { createHmac } from 'node:crypto';
import type { Post, TenantKeys } from '@trendwacht/shared';
import type { RedisClient } from '@trendwacht/shared/node';
import { type Deadline, withDeadline } from '../transport/deadline';

/** How long ingest remembers a queued post id (the worker's counted-post set keeps 14 days behind it). */
export const INGEST_SEEN_TTL_S = 3 * 86_400;

export const ingestSeenKey = (keys: TenantKeys) => `${keys.queuePrefix}:ingest:seen`;

/**
 * Post ids ingest has queued, in Redis, so a restarted connector or a file imported again
 * queues nothing twice (the in-memory `SeenSet` forgets on restart). Ids rest only as keyed
 * hashes (64 bits, HMAC under a key derived from the seal key; not the worker's key, so
 * the two sets cannot be joined), in one sorted set per tenant scored by when they were
 * queued and trimmed to the TTL. An id is marked only after its batch is queued: a failed
 * send leaves it free for the retry. The worker's own counted-post set stays the last
 * guard (a crash between queueing and marking).
 */
export class DurableSeen {
  private readonly key: Buffer;
  private readonly ttlS: number;
  private readonly now: () => number;

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: TenantKeys,
    sealKey: Buffer,
    private readonly o: { ttlS?: number; now?: () => number; deadline?: Deadline } = {},
  ) {
    this.key = createHmac('sha256', sealKey).update('trendwacht/ingest-seen').digest();
    this.ttlS = o.ttlS ?? INGEST_SEEN_TTL_S;
    this.now = o.now ?? Date.now;
  }

  hash(id: string): string {
    return createHmac('sha256', this.key).update(id).digest('hex').slice(0, 16);
  }

  /** The posts not queued before, and how many were. */
  async filter<P extends Pick<Post, 'id'>>(posts: readonly P[]): Promise<{ fresh: P[]; repeats: number }> {
    if (posts.length === 0) return { fresh: [], repeats: 0 };
    const scores = (await withDeadline(
      this.redis.call('ZMSCORE', ingestSeenKey(this.keys), ...posts.map((p) => this.hash(p.id))),
      this.o.deadline,
      'reading queued post ids',
    )) as (string | null)[];
    const fresh = posts.filter((_, i) => scores[i] === null);
    return { fresh, repeats: posts.length - fresh.length };
  }

  /** Marks posts as queued (after their batch is on the queue). */
  async mark(posts: readonly Pick<Post, 'id'>[]): Promise<void> {
    if (posts.length === 0) return;
    const at = this.now();
    const args: (string | number)[] = [];
    for (const p of posts) args.push(at, this.hash(p.id));
    const key = ingestSeenKey(this.keys);
    const tx = this.redis
      .multi()
      .zadd(key, ...args)
      .zremrangebyscore(key, '-inf', at - this.ttlS * 1000)
      .expire(key, this.ttlS)
      .exec();
    await withDeadline(tx, this.o.deadline, 'marking queued post ids');
  }
}
