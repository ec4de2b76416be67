import { afterAll, describe, expect, it } from 'vitest';
import { dropRoot, testKeys, testRedis } from '../../test/helpers';
import { AuthorHasher } from './authors';

const redis = testRedis();
const keys = testKeys();
afterAll(async () => {
  await dropRoot(redis, keys.queuePrefix.split(':')[0] as string);
  await redis.quit();
});

describe('AuthorHasher (salted, rotated daily)', () => {
  it('hashes the same author the same within a day, differently the next day, and deletes old salts', async () => {
    let now = Date.parse('2026-11-20T10:00:00Z');
    const hasher = new AuthorHasher(redis, keys, () => now);
    const day1 = await hasher.current();
    expect(day1('mastodon', 'alice')).toBe(day1('mastodon', 'alice'));
    expect(day1('mastodon', 'alice')).not.toBe(day1('bluesky', 'alice'));
    expect(day1('mastodon', 'alice')).not.toContain('alice');
    const salt1 = await redis.get(keys.salt('2026-11-20'));
    expect(salt1).toMatch(/^[0-9a-f]{64}$/);
    expect(await redis.ttl(keys.salt('2026-11-20'))).toBeGreaterThan(86_400);

    now = Date.parse('2026-11-21T10:00:00Z');
    const day2 = await hasher.current();
    expect(day2('mastodon', 'alice')).not.toBe(day1('mastodon', 'alice'));
    expect(await redis.get(keys.salt('2026-11-20'))).toBe(salt1); // previous kept

    now = Date.parse('2026-11-22T10:00:00Z');
    await hasher.current();
    expect(await redis.exists(keys.salt('2026-11-20'))).toBe(0); // older deleted
    expect(await redis.exists(keys.salt('2026-11-21'))).toBe(1);
    expect(await redis.exists(keys.salt('2026-11-22'))).toBe(1);
  });
  it('shares one salt between workers of the same tenant and day', async () => {
    const now = () => Date.parse('2026-11-25T10:00:00Z');
    const a = await new AuthorHasher(redis, keys, now).current();
    const b = await new AuthorHasher(redis, keys, now).current();
    expect(a('x', 'bob')).toBe(b('x', 'bob'));
  });
});
