import { createHmac } from 'node:crypto';
import type { Post, TenantKeys } from '@trendwacht/shared';
import type { RedisClient } from '@trendwacht/shared/node';
import { type Deadline, withDeadline } from '../transport/deadline';

/** Days a queued post id is remembered (1 to 2 days: today's set and yesterday's are asked); the worker's counted-post set keeps 14 days behind it. */
export const INGEST_SEEN_DAYS = 2;

const DAY_MS = 86_400_000;

/** The set of ids queued on one UTC day. */
export const ingestSeenKey = (keys: TenantKeys, day: number) => `${keys.queuePrefix}:ingest:seen:${day}`;

/**
 * Post ids ingest has queued, in Redis, so a restarted connector or a file imported again
 * queues nothing twice (the in-memory `SeenSet` forgets on restart). Ids rest only as keyed
 * hashes — 64 bits of an HMAC under a key derived from the seal key (not the worker's key,
 * so the two sets cannot be joined), stored as 8 raw bytes — in one set per UTC day that
 * expires after `days` (about 56 bytes per id, against 120 in a sorted set of hex). An id
 * is marked only after its batch is queued: a failed send leaves it free for the retry.
 * The worker's own counted-post set stays the last guard (older re-imports, a crash
 * between queueing and marking).
 */
export class DurableSeen {
  private readonly key: Buffer;
  private readonly days: number;
  private readonly now: () => number;

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: TenantKeys,
    sealKey: Buffer,
    private readonly o: { days?: number; now?: () => number; deadline?: Deadline } = {},
  ) {
    this.key = createHmac('sha256', sealKey).update('trendwacht/ingest-seen').digest();
    this.days = Math.max(1, o.days ?? INGEST_SEEN_DAYS);
    this.now = o.now ?? Date.now;
  }

  hash(id: string): Buffer {
    return createHmac('sha256', this.key).update(id).digest().subarray(0, 8);
  }

  /** The posts not queued before (today or on the days kept), how many were, and the fresh ones' hashes (for `mark`). */
  async filter<P extends Pick<Post, 'id'>>(
    posts: readonly P[],
  ): Promise<{ fresh: P[]; repeats: number; hashes: Buffer[] }> {
    if (posts.length === 0) return { fresh: [], repeats: 0, hashes: [] };
    const hashes = posts.map((p) => this.hash(p.id));
    const today = Math.floor(this.now() / DAY_MS);
    const pipe = this.redis.pipeline();
    for (let d = 0; d < this.days; d++) pipe.call('SMISMEMBER', ingestSeenKey(this.keys, today - d), ...hashes);
    const answers = await withDeadline(pipe.exec(), this.o.deadline, 'reading queued post ids');
    const known = new Array<boolean>(posts.length).fill(false);
    for (const [err, flags] of answers ?? []) {
      if (err) throw err;
      (flags as number[]).forEach((f, i) => {
        if (f === 1) known[i] = true;
      });
    }
    const fresh = posts.filter((_, i) => !known[i]);
    return { fresh, repeats: posts.length - fresh.length, hashes: hashes.filter((_, i) => !known[i]) };
  }

  /** Marks posts as queued (after their batch is on the queue), by their hashes from `filter`. */
  async mark(hashes: readonly Buffer[]): Promise<void> {
    if (hashes.length === 0) return;
    const key = ingestSeenKey(this.keys, Math.floor(this.now() / DAY_MS));
    const tx = this.redis
      .multi()
      .sadd(key, ...hashes)
      .expire(key, this.days * 86_400)
      .exec();
    await withDeadline(tx, this.o.deadline, 'marking queued post ids');
  }
}
