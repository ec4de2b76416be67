import { ALL, type Post, bucketStart, narrativeSeries, phraseText, targetSeries } from '@trendwacht/shared';
import { afterAll, describe, expect, it } from 'vitest';
import { dropRoot, testKeys, testRedis, uniqueRoot } from '../../../test/helpers';
import { createAnalyzer } from '../analysis/pipeline';
import { applyDelta } from '../apply';
import { AuthorHasher } from '../authors';
import { aggregatePosts } from '../process-batch';
import { DEFAULT_NARRATIVES, NarrativeIndex, sharedUnits } from './narratives';

const redis = testRedis();
const roots: string[] = [];
afterAll(async () => {
  for (const r of roots) await dropRoot(redis, r);
  await redis.quit();
});

const at = Date.UTC(2026, 10, 23, 19, 0);
const TEXTS = [
  'Ruzie op de zaterdagmarkt en het is weer wij tegen zij. Genoeg is genoeg.',
  'Na de ruzie op de zaterdagmarkt durven onze eigen mensen niet meer naar de markt, wij tegen zij.',
  'Zaterdagmarkt: die mensen pakken alles, het is wij tegen zij.',
];
const post = (i: number, text: string): Post => ({
  id: `t:${i}`,
  source: 'mastodon',
  text,
  lang: 'nl',
  createdAt: at + i * 1000,
  authorKey: `author-${i}`,
  tags: [],
});

function setup() {
  const root = uniqueRoot();
  roots.push(root);
  const keys = testKeys(root);
  const fresh = () => ({
    keys,
    analyze: createAnalyzer(),
    hasher: new AuthorHasher(redis, keys),
    narratives: new NarrativeIndex(redis, keys, { ...DEFAULT_NARRATIVES, refreshMs: -1 }),
  });
  return { keys, fresh };
}

describe('narratives', () => {
  it('cluster a theme’s posts into one narrative whose id survives a restart', async () => {
    const { keys, fresh } = setup();
    const first = fresh();
    const posts = Array.from({ length: 12 }, (_, i) => post(i, TEXTS[i % TEXTS.length] as string));
    expect(await applyDelta(redis, keys, 'b1', await aggregatePosts(first, posts), {})).toBe(true);
    const ids = await redis.zrevrange(keys.narratives('polarisation'), 0, -1);
    expect(ids.length).toBeGreaterThanOrEqual(1);
    const [main] = ids;
    const meta = await redis.hgetall(keys.narrativeMeta(main as string));
    // Every post the theme counted is in this one narrative.
    const themed = await redis.hget(keys.cell('polarisation', 'hour', bucketStart(at, 'hour')), 'posts');
    expect(Number(themed)).toBeGreaterThanOrEqual(8);
    expect(meta.posts).toBe(themed);
    expect(meta.theme).toBe('polarisation');
    // The narrative is a series with a stance split and distinct authors.
    const cell = await redis.hgetall(keys.cell(narrativeSeries(main as string), 'hour', bucketStart(at, 'hour')));
    expect(Number(cell['persp:pushing'] ?? 0)).toBeGreaterThan(0);
    expect(
      await redis.pfcount(keys.cellAuthors(narrativeSeries(main as string), 'hour', bucketStart(at, 'hour'))),
    ).toBe(Number(meta.posts));
    // A new process (nothing in memory) puts the next such post in the same narrative.
    const restarted = fresh();
    const next = await aggregatePosts(restarted, [post(100, TEXTS[2] as string)]);
    expect([...next.narratives.keys()]).toEqual([main]);
  });

  it('keep no narrative for posts without a theme, and count a target group as its own series', async () => {
    const { keys, fresh } = setup();
    const d = fresh();
    const delta = await aggregatePosts(d, [
      post(1, 'Lekker weertje vandaag in Gent, wie gaat er mee naar de markt?'),
      post(2, 'Die migranten zijn allemaal profiteurs, ze horen hier niet.'),
    ]);
    expect([...delta.narratives.values()].map((n) => n.theme)).toEqual(['hate']);
    const h = bucketStart(at, 'hour');
    expect(delta.cells.get(keys.cell(targetSeries('migrants'), 'hour', h))?.fields.get('posts')).toBe(1);
    expect(delta.cells.get(keys.cell(ALL, 'hour', h))?.fields.get('posts')).toBe(2);
    expect(delta.cells.get(keys.cell('hate', 'hour', h))?.fields.get('stance:attacking')).toBe(1);
  });

  it('merge two narratives that grew alike, keeping the lineage on both', async () => {
    const { keys } = setup();
    const index = new NarrativeIndex(redis, keys, { ...DEFAULT_NARRATIVES, refreshMs: -1 });
    for (const [id, n] of [
      ['aaa', 5],
      ['bbb', 9],
    ] as const) {
      await redis.zadd(keys.narratives('conspiracy'), n, id);
      await redis.zadd(keys.narrativeCentroid(id), n, 'chemtrails', n, 'lucht', 1, id);
      await redis.hset(keys.narrativeMeta(id), 'theme', 'conspiracy');
    }
    expect(await index.mergeSimilar('conspiracy')).toEqual([['aaa', 'bbb']]);
    expect(await redis.hget(keys.narrativeMeta('aaa'), 'mergedInto')).toBe('bbb');
    expect(await redis.hget(keys.narrativeMeta('bbb'), 'merged')).toBe('aaa');
    expect(await redis.zrange(keys.narratives('conspiracy'), 0, -1)).toEqual(['bbb']);
  });

  it('count title phrases like terms: a phrase of fewer than k authors rests only as a keyed hash', async () => {
    const { keys, fresh } = setup();
    const d = fresh();
    // Six authors write the claim; two of them add the same rare turn of phrase.
    const texts = Array.from({ length: 6 }, (_, i) =>
      i < 2
        ? 'Het is wij tegen zij geworden op de zaterdagmarkt. Genoeg is genoeg, zegt de bakkersvrouw gisteren.'
        : 'Het is wij tegen zij geworden op de zaterdagmarkt. Genoeg is genoeg.',
    );
    // Term lists live 48 h by event time: these posts are from a minute ago.
    const now = Date.now() - 60_000;
    const delta = await aggregatePosts(
      d,
      texts.map((t, i) => ({ ...post(200 + i, t), createdAt: now + i })),
    );
    expect(await applyDelta(redis, keys, 'b-phr', delta, {})).toBe(true);
    const ids = [...delta.narratives.keys()];
    const stored: string[] = [];
    for (const id of ids) {
      for (const p of ['pushing', 'informing']) {
        stored.push(...(await redis.zrange(keys.terms(`nr-${id}.${p}`, bucketStart(now, 'hour')), 0, -1)));
      }
    }
    expect(stored.map(phraseText)).toContain('wij tegen zij');
    // Nothing of the tenant holds the rare phrase (or its rare word) in plain text: keys, members, fields.
    const prefix = keys.cell('x', 'hour', 0).split(':c:')[0] as string;
    const found: string[] = [];
    for (const k of await redis.keys(`${prefix}*`)) {
      const type = await redis.type(k);
      const parts =
        type === 'zset'
          ? await redis.zrange(k, 0, -1)
          : type === 'hash'
            ? Object.keys(await redis.hgetall(k))
            : type === 'string'
              ? [String(await redis.get(k))]
              : [];
      if ([k, ...parts].some((x) => x.includes('bakkersvrouw'))) found.push(k);
    }
    expect(found).toEqual([]);
  });

  it('use an analyst’s curation afterwards: a merged narrative’s posts go where it was merged, pinned ones stay candidates', async () => {
    const { keys } = setup();
    const index = new NarrativeIndex(redis, keys, { ...DEFAULT_NARRATIVES, refreshMs: -1 });
    const words: Record<string, string[]> = {
      aaa: ['zwembad', 'gesloten', 'schande'],
      bbb: ['kermis', 'vechtpartij', 'aalst'],
      ccc: ['markt', 'parkeren', 'duur'],
    };
    for (const [id, ws] of Object.entries(words)) {
      await redis.hset(keys.narrativeMeta(id), 'theme', 'polarisation');
      for (const w of ws) await redis.zadd(keys.narrativeCentroid(id), 3, w);
    }
    await redis.zadd(keys.narratives('polarisation'), 9, 'aaa', 8, 'bbb');
    // ccc is in no registry (too small to be read), but pinned.
    await redis.sadd(keys.narrativesPinned('polarisation'), 'ccc');
    // aaa merged into bbb as the dashboard's curation writes it.
    await redis.hset(keys.narrativeMeta('aaa'), 'mergedInto', 'bbb');
    await redis.zunionstore(
      keys.narrativeCentroid('bbb'),
      2,
      keys.narrativeCentroid('bbb'),
      keys.narrativeCentroid('aaa'),
    );
    await index.prepare(['polarisation']);
    const match = index.matcher();
    expect(match('polarisation', ['zwembad', 'gesloten', 'schande'], 'pushing')?.id).toBe('bbb');
    expect(match('polarisation', ['markt', 'parkeren', 'duur'], 'pushing')?.id).toBe('ccc');
    expect(index.candidates('polarisation').map((c) => c.id)).not.toContain('aaa');
  });

  it('count a name of two words as one word a responder shares with a narrative (Sint-Niklaas)', async () => {
    const { keys } = setup();
    const index = new NarrativeIndex(redis, keys, { ...DEFAULT_NARRATIVES, refreshMs: -1 });
    await redis.hset(keys.narrativeMeta('thr'), 'theme', 'threats');
    for (const w of ['gebouw', 'brand', 'steken', 'sint', 'niklaas'])
      await redis.zadd(keys.narrativeCentroid('thr'), 1, w);
    await redis.zadd(keys.narratives('threats'), 1, 'thr');
    await index.prepare(['threats']);
    const found = { id: 'thr', theme: 'threats' };
    // A question about a frituur in that town shares only the town's name.
    const question = ['tips', 'goede', 'frituur', 'sint', 'niklaas'];
    const terms = [...question, 'goede frituur', 'sint niklaas'];
    expect(sharedUnits(index, found, question, terms)).toBe(1);
    // A post that speaks of the fire there shares two.
    const fire = ['brand', 'sint', 'niklaas', 'rook'];
    expect(sharedUnits(index, found, fire, [...fire, 'sint niklaas'])).toBe(2);
    expect(sharedUnits(index, { id: 'nope', theme: 'threats' }, fire, fire)).toBeNull();
  });
});
