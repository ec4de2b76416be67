import { createHmac } from 'node:crypto';
import type { Post, TenantKeys } from '@trendwacht/shared';
import type { RedisClient } from '@trendwacht/shared/node';

/**
 * Posts already counted, so that nothing is counted twice whatever path brings a post
 * again: a file imported a second time, a connector restarted from an older cursor, a
 * webhook sender retrying, ingest restarted with an empty memory. Kept in Redis as keyed
 * hashes of the post ids (HMAC under a key derived from the seal key, which ingest and
 * workers share and which stays the same across restarts), remembered at least
 * SEEN_TTL_S after they were counted. The apply script checks them atomically with the
 * counts and marks the batch's posts seen (apply.lua), so two workers racing on the same
 * post count it once.
 *
 * Packed for memory (issue 20: 115 bytes a post in one sorted set of hex hashes; then
 * about 15–30 in small hashes; now about 8–14): the posts counted in one SEEN_PERIOD_MS
 * period go to small sets of integers, `<queue prefix>:s:<period>:<bucket>`, 2^12 buckets
 * by the first 12 bits of the hash, the next 42 bits as the member. A set of integers is
 * stored by Redis as an intset (8 bytes a post, no value beside it, while a bucket holds
 * at most `set-max-intset-entries` = 512, i.e. up to about 2 million posts a period), and
 * four times fewer keys than the 2^14 hashes weigh less while a period is still sparse.
 * A period is asked together with the one before it, and each key expires SEEN_TTL_S
 * after its period ends: no per-post key, nothing kept past the window.
 */
export const SEEN_TTL_S = 14 * 86_400;
/** Length of a period of the counted-post hashes: a post counted within SEEN_TTL_S is in this period or the one before. */
export const SEEN_PERIOD_MS = SEEN_TTL_S * 1000;
const BUCKET_BITS = 12;
/** Hex characters of a slot's bucket (BUCKET_BITS / 4): the rest of the slot is its member. */
export const SEEN_BUCKET_CHARS = BUCKET_BITS / 4;

/** Prefix of the counted-post hashes; a key is `<prefix><period>:<bucket>`. */
export const seenPrefix = (keys: TenantKeys) => `${keys.queuePrefix}:s:`;

/** Keyed hash of a post id (96 bits, hex: never read as a word, never reversible without the key). */
export function postIdHasher(sealKey: Buffer): (post: Pick<Post, 'id'>) => string {
  const key = createHmac('sha256', sealKey).update('trendwacht/post-ids').digest();
  return (post) => createHmac('sha256', key).update(post.id).digest('hex').slice(0, 24);
}

/**
 * Where a post's hash rests: its bucket (3 hex characters: 12 bits) then its member (42
 * more bits as a decimal integer, so Redis keeps the set as an intset). 54 bits in all:
 * two posts of a period share a slot with a chance of about one in 10^16 per pair.
 */
export function seenSlot(hash: string): string {
  // 11 hex characters are 44 bits (exact in a double); the last two bits are dropped.
  // Read digit by digit (no substring a post); anything but hex digits is read as parseInt reads it.
  let n = 0;
  for (let i = 3; i < 14; i++) {
    const d = HEX_DIGIT[hash.charCodeAt(i)];
    if (d === undefined || d < 0)
      return hash.slice(0, SEEN_BUCKET_CHARS) + Math.floor(Number.parseInt(hash.slice(3, 14), 16) / 4);
    n = n * 16 + d;
  }
  return hash.slice(0, SEEN_BUCKET_CHARS) + Math.floor(n / 4);
}

/** Character code → its hex digit's value, -1 for any other character. */
const HEX_DIGIT = Int8Array.from({ length: 128 }, (_, c) => {
  const d = Number.parseInt(String.fromCharCode(c), 16);
  return Number.isNaN(d) ? -1 : d;
});

/** The period a post counted at `ms` belongs to, and when (epoch s) its keys may go. */
export function seenPeriod(ms: number): { period: number; expireAt: number } {
  const period = Math.floor(ms / SEEN_PERIOD_MS);
  return { period, expireAt: Math.floor(((period + 1) * SEEN_PERIOD_MS) / 1000) + SEEN_TTL_S };
}

/** The hashes among these that were counted before (in the period of `now` or the one before). */
export async function countedBefore(
  redis: RedisClient,
  keys: TenantKeys,
  hashes: readonly string[],
  now: number,
): Promise<Set<string>> {
  if (hashes.length === 0) return new Set();
  const { period } = seenPeriod(now);
  const prefix = seenPrefix(keys);
  const pipe = redis.pipeline();
  for (const h of hashes) {
    const slot = seenSlot(h);
    const [bucket, member] = [slot.slice(0, SEEN_BUCKET_CHARS), slot.slice(SEEN_BUCKET_CHARS)];
    for (const p of [period, period - 1]) pipe.sismember(`${prefix}${p}:${bucket}`, member);
  }
  const answers = (await pipe.exec()) ?? [];
  const known = new Set<string>();
  hashes.forEach((h, i) => {
    for (const j of [2 * i, 2 * i + 1]) {
      const [err, found] = answers[j] ?? [];
      if (err) throw err;
      if (found === 1) known.add(h);
    }
  });
  return known;
}

/** The apply script found a post counted meanwhile (by another worker): filter again and retry. */
export class SeenRace extends Error {
  override name = 'SeenRace';
}
