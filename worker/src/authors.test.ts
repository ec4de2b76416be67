import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { audit, needlesFrom } from '../../cli/privacy-audit';
import { dropRoot, testKeys, testRedis } from '../../test/helpers';
import { AuthorHasher } from './authors';

const redis = testRedis();
const keys = testKeys();
afterAll(async () => {
  await dropRoot(redis, keys.queuePrefix.split(':')[0] as string);
  await redis.quit();
});

const saltDir = (dataDir: string) => join(dataDir, 'salts', keys.queuePrefix.replace(/[^a-z0-9_-]+/g, '_'));
const DAY = 86_400_000;

describe('AuthorHasher (salted, rotated daily)', () => {
  it('hashes the same author the same within a day, differently the next day, and deletes old salts', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tw-salts-'));
    let now = Date.parse('2026-11-20T10:00:00Z');
    const hasher = new AuthorHasher(redis, keys, () => now, dataDir);
    const day1 = await hasher.current();
    expect(day1('mastodon', 'alice')).toBe(day1('mastodon', 'alice'));
    expect(day1('mastodon', 'alice')).not.toBe(day1('bluesky', 'alice'));
    expect(day1('mastodon', 'alice')).not.toContain('alice');
    const dir = saltDir(dataDir);
    const salt1 = readFileSync(join(dir, '2026-11-20'));
    expect(salt1).toHaveLength(32);
    expect(statSync(join(dir, '2026-11-20')).mode & 0o777).toBe(0o600);

    now = Date.parse('2026-11-21T10:00:00Z');
    const day2 = await hasher.current();
    expect(day2('mastodon', 'alice')).not.toBe(day1('mastodon', 'alice'));
    expect(readFileSync(join(dir, '2026-11-20'))).toEqual(salt1); // previous kept

    now = Date.parse('2026-11-22T10:00:00Z');
    await hasher.current();
    expect(readdirSync(dir).sort()).toEqual(['2026-11-21', '2026-11-22']); // older deleted
  });

  it('shares one salt between workers of the same tenant and day (the same data folder)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tw-salts-'));
    const now = () => Date.parse('2026-11-25T10:00:00Z');
    const a = await new AuthorHasher(redis, keys, now, dataDir).current();
    const b = await new AuthorHasher(redis, keys, now, dataDir).current();
    expect(a('x', 'bob')).toBe(b('x', 'bob'));
    const t1 = await new AuthorHasher(redis, keys, now, dataDir).terms();
    const t2 = await new AuthorHasher(redis, keys, now, dataDir).terms();
    expect(t1.hash('kermis')).toBe(t2.hash('kermis'));
    expect(t1.hash('kermis')).toMatch(/^[0-9a-f]{20}$/);
  });

  it('never puts a salt in Redis: after three days of rotation none is live or in the AOF', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tw-salts-'));
    const today = Date.now();
    let now = today - 3 * DAY;
    const hasher = new AuthorHasher(redis, keys, () => now, dataDir);
    const salts: string[] = [];
    for (let d = 3; d >= 0; d--) {
      now = today - d * DAY;
      await hasher.current();
      const day = new Date(now).toISOString().slice(0, 10);
      salts.push(readFileSync(join(saltDir(dataDir), day)).toString('hex'));
    }
    expect(await redis.keys(`${keys.queuePrefix}:salt:*`)).toEqual([]);
    const aofDir = join(inject('redisDir'), 'appendonlydir');
    const aof = readdirSync(aofDir)
      .map((f) => readFileSync(join(aofDir, f)))
      .reduce((all, b) => Buffer.concat([all, b]), Buffer.alloc(0));
    for (const hex of salts) {
      expect(aof.includes(Buffer.from(hex, 'hex'))).toBe(false);
      expect(aof.toString('latin1')).not.toContain(hex);
    }
    // And the audit agrees: no salt older than yesterday at rest.
    const report = await audit(redis, needlesFrom([]), aofDir);
    expect(report.findings.filter((f) => f.kind === 'old-salt')).toEqual([]);
  });

  it('the audit reports a salt older than yesterday in a persistence file (positive control)', async () => {
    // A file of its own: a SET in the shared test Redis would stay in its AOF for every later audit.
    const dir = mkdtempSync(join(tmpdir(), 'tw-aof-'));
    const old = new Date(Date.now() - 3 * DAY).toISOString().slice(0, 10);
    const recent = new Date(Date.now() - DAY).toISOString().slice(0, 10);
    const set = (day: string) => `*5\r\n$3\r\nSET\r\n$25\r\ntw:{demo}:salt:${day}\r\n$64\r\n${'ab'.repeat(32)}\r\n`;
    writeFileSync(join(dir, 'appendonly.aof.1.incr.aof'), set(old) + set(recent));
    const report = await audit(redis, needlesFrom([]), dir);
    const found = report.findings.filter((f) => f.kind === 'old-salt');
    expect(found.map((f) => f.postId)).toEqual([`salt ${old}`]);
  });

  it('keeps the hashes of recent authors across batches, the same as hashing anew, until the salt changes', async () => {
    let now = Date.parse('2026-11-26T10:00:00Z');
    const hasher = new AuthorHasher(null, keys, () => now);
    const batch1 = await hasher.current();
    const first = batch1('mastodon', 'carol');
    // More authors than two generations of the cache hold: the oldest are hashed again, alike.
    const many = Array.from({ length: 120_000 }, (_, i) => `author-${i}`);
    for (const a of many) batch1('mastodon', a);
    const batch2 = await hasher.current();
    const fresh = await new AuthorHasher(null, keys, () => now).current();
    for (const a of [...many.slice(0, 3), ...many.slice(-3), 'carol']) {
      expect(batch2('mastodon', a)).toBe(fresh('mastodon', a));
    }
    expect(batch2('mastodon', 'carol')).toBe(first);
    expect(batch2('bluesky', 'carol')).not.toBe(first);
    now = Date.parse('2026-11-27T10:00:00Z');
    const nextDay = await hasher.current();
    expect(nextDay('mastodon', 'carol')).not.toBe(first);
    // A function of the day before keeps its own salt.
    expect(batch1('mastodon', 'carol')).toBe(first);
  });

  it('holds no author id in memory ten minutes after its last post', async () => {
    let now = Date.parse('2026-11-26T10:00:00Z');
    const hasher = new AuthorHasher(null, keys, () => now);
    const ids = () => {
      type Generation = Map<string, Map<string, string>>;
      const c = (hasher as unknown as { authorCache: { fresh: Generation; old: Generation } }).authorCache;
      return [...c.fresh.values(), ...c.old.values()].flatMap((m) => [...m.keys()]);
    };
    (await hasher.current())('mastodon', 'carol');
    expect(ids()).toContain('carol');
    now += 6 * 60_000;
    (await hasher.current())('mastodon', 'dave');
    // One generation later: still there (an author of the last minutes is hashed once).
    expect(ids()).toEqual(expect.arrayContaining(['carol', 'dave']));
    now += 11 * 60_000;
    await hasher.current();
    expect(ids()).toEqual([]);
  });
});
