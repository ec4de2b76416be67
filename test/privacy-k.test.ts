import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchProducer, jsonlSource, runIngest } from '@trendwacht/ingest';
import { ALL } from '@trendwacht/shared';
import { startWorker } from '@trendwacht/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { audit, needlesFrom } from '../cli/privacy-audit';
import { dropRoot, quietLog, redisUrl, sealKey, testKeys, testRedis, uniqueRoot, waitFor } from './helpers';

/**
 * The tester's scenario of issue 17: 300 synthetic posts of 40 authors, half of them
 * naming "their" invented alderman (each surname written by one author only). After
 * ingest and a worker, no surname may be in Redis or its AOF: fewer than k authors used it.
 */
const K = 5;
const root = uniqueRoot();
const keys = testKeys(root);
const redis = testRedis();
const hour = Math.floor(Date.now() / 3_600_000) * 3_600_000;
const dataDir = mkdtempSync(join(tmpdir(), 'tw-privk-'));

// Invented surnames (no real person): syllables put together.
const FIRST = ['Vander', 'Ooster', 'Kwak', 'Plom', 'Zwier', 'Grimm', 'Tolle', 'Brak', 'Wessel', 'Duif'];
const LAST = ['kluisvelde', 'brouckhove'];
const SURNAMES = FIRST.flatMap((a) => LAST.map((b) => `${a}${b}`)); // 20
const SHARED = [
  'De schepen zwijgt weer over de asielopvang in onze gemeente en de kosten lopen op',
  'Weer een gemeenteraad over de asielopvang, de schepen ontwijkt elke vraag over de kosten',
  'Die asielopvang kost de gemeente handenvol geld, de schepen moet eens uitleg geven',
];

type InPost = { id: string; source: string; text: string; createdAt: number; authorKey: string };
function scenario(): InPost[] {
  const posts: InPost[] = [];
  for (let i = 0; i < 300; i++) {
    const author = i % 40;
    const surname = author < 20 ? SURNAMES[author] : undefined;
    // Half of the posts (those of authors 0–19) name the author's own alderman: as a
    // name (a title, capitals), or in lower case, where no name detection helps and only
    // the k-anonymous vocabulary keeps it out of Redis.
    const asName = i % 80 < 40;
    const text = surname
      ? asName
        ? `Schepen ${surname} liegt weer over de asielopvang, ${surname} moet weg uit de gemeente`
        : `en ${surname.toLowerCase()} liegt alweer over die asielopvang hoor`
      : (SHARED[i % SHARED.length] as string);
    posts.push({
      id: `p${i}`,
      source: 'file',
      text,
      createdAt: hour + 60_000 + i * 1000,
      authorKey: `author-${author}`,
    });
  }
  return posts;
}
const posts = scenario();

beforeAll(async () => {
  const file = join(dataDir, 'posts.jsonl');
  writeFileSync(file, `${posts.map((p) => JSON.stringify(p)).join('\n')}\n`);
  const worker = await startWorker({
    config: { keyPrefix: root, workerConcurrency: 1, workerLockMs: 30_000, workerStalledMs: 30_000, dataDir },
    redisUrl: redisUrl(),
    sealKey,
    tenant: 'demo',
    log: quietLog,
    defaultK: K,
    detector: false,
    notify: false,
  });
  const producer = new BatchProducer({ redisUrl: redisUrl(), keys, sealKey, highWater: 50 });
  await runIngest(jsonlSource(file), { send: (p) => producer.send(p), batchSize: 40, batchMs: 50 });
  await waitFor(async () => Number(await redis.hget(keys.stats, 'posts')) === posts.length, 30_000, 'all posts');
  await producer.close();
  await worker.close();
});

afterAll(async () => {
  await dropRoot(redis, root);
  await redis.quit();
});

describe('a k-anonymous vocabulary (issue 17 scenario)', () => {
  it('every surname is written by exactly one author (the scenario holds)', () => {
    for (const s of SURNAMES) {
      const who = new Set(posts.filter((p) => p.text.includes(s)).map((p) => p.authorKey));
      expect(who.size).toBe(1);
    }
  });

  it('privacy-audit finds no word or pair of fewer than k authors in live Redis or the AOF', async () => {
    const needles = needlesFrom(posts, { k: K });
    // The audit looks for every surname (and the pairs they form).
    for (const s of SURNAMES) expect(needles.rare?.terms.get(s.toLowerCase())?.authors).toBe(1);
    const report = await audit(redis, needles, join(inject('redisDir'), 'appendonlydir'), { k: K });
    expect(report.aofBytes).toBeGreaterThan(0);
    const rare = report.findings.filter((f) => f.kind === 'rare-word' || f.kind === 'rare-pair');
    expect(rare.map((f) => `${f.kind} ${f.postId} ${f.where}`)).toEqual([]);
    expect(report.findings).toEqual([]);
  });

  it('words k authors used are shown: top terms and narrative centroids hold them in plain text', async () => {
    const top = await redis.zrevrange(keys.terms(ALL, hour), 0, -1);
    expect(top).toContain('asielopvang');
    expect(top).toContain('schepen');
    expect(await redis.pfcount(keys.termAuthorsPrefix(ALL, hour) + 'asielopvang')).toBeGreaterThanOrEqual(K);
    // The lower-case surnames are counted, under their keyed hashes, beside the list.
    expect(await redis.zcard(`${keys.terms(ALL, hour)}:p`)).toBeGreaterThanOrEqual(SURNAMES.length);
    const narratives = await redis.zrevrange(keys.narratives('local'), 0, -1);
    expect(narratives.length).toBeGreaterThan(0);
    const words = new Set<string>();
    for (const id of narratives) for (const w of await redis.zrange(keys.narrativeCentroid(id), 0, -1)) words.add(w);
    expect(words.has('asielopvang')).toBe(true);
    for (const s of SURNAMES) expect(words.has(s.toLowerCase())).toBe(false);
  });

  it('the audit does find a rare word once it is at rest (positive control)', async () => {
    const leak = `${root}:{demo}:leak`;
    await redis.zadd(leak, 1, `${SURNAMES[3]?.toLowerCase()}`);
    const report = await audit(redis, needlesFrom(posts, { k: K }), undefined, { k: K });
    await redis.del(leak);
    expect(report.findings.filter((f) => f.where.includes(leak)).map((f) => f.kind)).toEqual(['rare-word']);
  });

  it('the audit reports a stored alert that names fewer than k authors, and passes one of k (positive control)', async () => {
    const alerts = `${root}:{demo}:alerts`;
    await redis.hset(alerts, 'small', JSON.stringify({ id: 'small', distinctAuthors: K - 1 }));
    await redis.hset(alerts, 'fine', JSON.stringify({ id: 'fine', distinctAuthors: K }));
    const report = await audit(redis, needlesFrom([], { k: K }), undefined, { k: K });
    await redis.del(alerts);
    const found = report.findings.filter((f) => f.kind === 'sub-k-alert').map((f) => f.postId);
    expect(found).toEqual(['alert small']);
  });
});
