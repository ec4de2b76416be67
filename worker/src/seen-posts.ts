import { createHmac } from 'node:crypto';
import type { Post, TenantKeys } from '@trendwacht/shared';
import type { RedisClient } from '@trendwacht/shared/node';

/**
 * Posts already counted, so that nothing is counted twice whatever path brings a post
 * again: a file imported a second time, a connector restarted from an older cursor, a
 * webhook sender retrying, ingest restarted with an empty memory. Kept in Redis as keyed
 * hashes of the post ids (HMAC under a key derived from the seal key, which ingest and
 * workers share and which stays the same across restarts), in one sorted set scored by
 * when each was counted, trimmed to SEEN_TTL_S. The check before analysis skips what is
 * known; the apply script checks again, atomically with the counts, and marks the batch's
 * posts seen (apply.ts), so two workers racing on the same post count it once.
 */
export const SEEN_TTL_S = 14 * 86_400;

export const seenKey = (keys: TenantKeys) => `${keys.queuePrefix}:seen`;

/** Keyed hash of a post id (96 bits, hex: never read as a word, never reversible without the key). */
export function postIdHasher(sealKey: Buffer): (post: Pick<Post, 'id'>) => string {
  const key = createHmac('sha256', sealKey).update('trendwacht/post-ids').digest();
  return (post) => createHmac('sha256', key).update(post.id).digest('hex').slice(0, 24);
}

/** The posts not counted before (each id once: a repeat inside the batch is dropped too), with their hashes. */
export async function unseenPosts<P extends Pick<Post, 'id'>>(
  redis: RedisClient,
  keys: TenantKeys,
  posts: readonly P[],
  hash: (post: P) => string,
): Promise<{ fresh: P[]; hashes: string[]; repeats: number }> {
  if (posts.length === 0) return { fresh: [], hashes: [], repeats: 0 };
  const all = posts.map(hash);
  const scores = (await redis.call('ZMSCORE', seenKey(keys), ...all)) as (string | null)[];
  const fresh: P[] = [];
  const hashes: string[] = [];
  const inBatch = new Set<string>();
  posts.forEach((p, i) => {
    const h = all[i] as string;
    if (scores[i] !== null || inBatch.has(h)) return;
    inBatch.add(h);
    fresh.push(p);
    hashes.push(h);
  });
  return { fresh, hashes, repeats: posts.length - fresh.length };
}

/** The apply script found a post counted meanwhile (by another worker): filter again and retry. */
export class SeenRace extends Error {
  override name = 'SeenRace';
}
