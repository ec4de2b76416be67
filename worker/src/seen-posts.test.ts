import { afterAll, describe, expect, it } from 'vitest';
import { dropRoot, testKeys, testRedis, uniqueRoot } from '../../test/helpers';
import { emptyDelta } from './aggregate';
import { applyDelta } from './apply';
import {
  SEEN_BUCKET_CHARS,
  SEEN_PERIOD_MS,
  SEEN_TTL_S,
  SeenRace,
  countedBefore,
  postIdHasher,
  seenPeriod,
  seenPrefix,
  seenSlot,
} from './seen-posts';

const redis = testRedis();
const root = uniqueRoot();
const keys = testKeys(root);
afterAll(async () => {
  await dropRoot(redis, root);
  await redis.quit();
});

const hash = postIdHasher(Buffer.alloc(32, 7));
const ids = (...names: string[]) => names.map((id) => hash({ id }));
// Half a period in: the period before is asked too.
const now = Math.floor(Date.now() / SEEN_PERIOD_MS) * SEEN_PERIOD_MS + SEEN_PERIOD_MS / 2;

function batchOf(seen: string[]) {
  const d = emptyDelta();
  d.seen = seen;
  return d;
}

describe('counted posts (seen-posts.ts)', () => {
  it('marks a batch’s posts in small sets of integers of its period that expire after the window, and finds them again', async () => {
    const [a, b, c] = ids('a', 'b', 'c') as [string, string, string];
    expect(await applyDelta(redis, keys, 'seen-1', batchOf([a, b]), { type: 'batch' }, { now })).toBe(true);
    expect(await countedBefore(redis, keys, [a, b, c], now)).toEqual(new Set([a, b]));
    const slot = seenSlot(a);
    const key = `${seenPrefix(keys)}${seenPeriod(now).period}:${slot.slice(0, SEEN_BUCKET_CHARS)}`;
    expect(await redis.sismember(key, slot.slice(SEEN_BUCKET_CHARS))).toBe(1);
    // 8 bytes a post: an intset, no value beside each member.
    expect(await redis.call('OBJECT', 'ENCODING', key)).toBe('intset');
    const expiry = Number(await redis.call('EXPIRETIME', key));
    expect(expiry).toBe(seenPeriod(now).expireAt);
    // Remembered at least SEEN_TTL_S after counting, whenever in its period it was counted.
    expect(expiry).toBeGreaterThanOrEqual(Math.floor(now / 1000) + SEEN_TTL_S);
    // No key holds a post id or its full hash.
    const all = await redis.keys(`${root}:*`);
    expect(all.some((k) => k.includes(a))).toBe(false);
  });

  it('a post counted in the period before is still known; two periods back it is forgotten', async () => {
    const [d] = ids('d') as [string];
    expect(await applyDelta(redis, keys, 'seen-2', batchOf([d]), { type: 'batch' }, { now })).toBe(true);
    expect(await countedBefore(redis, keys, [d], now + SEEN_PERIOD_MS)).toEqual(new Set([d]));
    expect(await countedBefore(redis, keys, [d], now + 2 * SEEN_PERIOD_MS)).toEqual(new Set());
  });

  it('a batch holding a post counted meanwhile writes nothing and says so (the worker filters and retries)', async () => {
    const [a, e] = ids('a', 'e') as [string, string];
    const stats = await redis.hgetall(keys.stats);
    await expect(applyDelta(redis, keys, 'seen-3', batchOf([e, a]), { type: 'batch' }, { now })).rejects.toThrow(
      SeenRace,
    );
    expect(await redis.hgetall(keys.stats)).toEqual(stats);
    expect(await countedBefore(redis, keys, [e], now)).toEqual(new Set());
    // Found from the next period too: the race is seen across a period's end.
    await expect(
      applyDelta(redis, keys, 'seen-4', batchOf([a]), { type: 'batch' }, { now: now + SEEN_PERIOD_MS }),
    ).rejects.toThrow(SeenRace);
  });
});
