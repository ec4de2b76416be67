import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ALL, type Analysis } from '@trendwacht/shared';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { dropRoot, testKeys, testRedis, uniqueRoot } from '../../test/helpers';
import { type Delta, emptyDelta, fold } from './aggregate';
import { applyDelta } from './apply';
import { dayOf } from './authors';
import { pendingTermsKey, vocabKeys } from './vocabulary';
import { testVocabulary } from './vocabulary.test-helpers';

const redis = testRedis();
const roots: string[] = [];
afterAll(async () => {
  for (const r of roots) await dropRoot(redis, r);
  await redis.quit();
});

const at = Date.now() - 5 * 60_000;
const hour = Math.floor(at / 3_600_000) * 3_600_000;
const analysis: Analysis = {
  id: 'p',
  lang: 'nl',
  themes: [{ id: 'local', score: 0.6, stance: 'other' }],
  hateful: false,
  hateScore: 0,
  toxicity: 0,
  sentiment: 0,
};

function setup(k = 3) {
  const root = uniqueRoot();
  roots.push(root);
  const keys = testKeys(root);
  const vocabulary = testVocabulary(k);
  let batch = 0;
  /** One batch: each listed author writes one post with these terms (and founds/joins narrative n1). */
  const apply = async (authors: string[], terms: string[]) => {
    const d: Delta = emptyDelta(vocabulary);
    for (const author of authors) {
      fold(
        d,
        {
          analysis,
          terms,
          createdAt: at,
          source: 'x',
          author,
          narratives: [
            { id: 'n1', theme: 'local', perspective: 'pushing', words: terms.filter((t) => !t.includes(' ')) },
          ],
        },
        keys,
      );
    }
    return applyDelta(redis, keys, `b${batch++}`, d, {});
  };
  return { keys, vocabulary, apply };
}

/** Every key under a root and its value, as one text (what an audit would read). */
async function dump(root: string): Promise<string> {
  const out: string[] = [];
  for (const key of await redis.keys(`${root}:*`)) {
    const type = await redis.type(key);
    const v =
      type === 'zset'
        ? await redis.zrange(key, 0, -1)
        : type === 'set'
          ? await redis.smembers(key)
          : type === 'hash'
            ? await redis.hgetall(key)
            : '';
    out.push(`${key} ${JSON.stringify(v)}`);
  }
  return out.join('\n');
}

describe('the k-anonymous vocabulary', () => {
  it('keeps a term of fewer than k authors only as its keyed hash, and writes it when the k-th author comes', async () => {
    const { keys, vocabulary, apply } = setup(3);
    const root = keys.queuePrefix.split(':')[0] as string;
    const h = vocabulary.hash('zwierkluis');
    await apply(['a1'], ['zwierkluis', 'kermis', 'zwierkluis kermis']);
    await apply(['a2', 'a1'], ['zwierkluis', 'kermis']);
    // Two authors: nowhere in plain text, but counted under its hash beside the list.
    expect(await dump(root)).not.toContain('zwierkluis');
    expect(await redis.zscore(pendingTermsKey(keys.terms(ALL, hour)), h)).toBe('3');
    expect(await redis.zrange(keys.narrativeCentroid('n1'), 0, -1)).toContain(`#${h}`);
    expect(await redis.zrange(keys.terms(ALL, hour), 0, -1)).toEqual([]);
    // Where it rests under its hash (the ALL list, the theme's, the narrative's): a small hash, to promote it.
    expect(await redis.hlen(`${vocabKeys(keys, vocabulary.day).prefix}w:${h}`)).toBeGreaterThanOrEqual(3);

    // The third author: promoted, with every earlier use and author carried over.
    await apply(['a3'], ['zwierkluis']);
    expect(await redis.zscore(keys.terms(ALL, hour), 'zwierkluis')).toBe('4');
    expect(await redis.pfcount(`${keys.termAuthorsPrefix(ALL, hour)}zwierkluis`)).toBe(3);
    expect(await redis.zscore(pendingTermsKey(keys.terms(ALL, hour)), h)).toBeNull();
    expect(await redis.exists(`${keys.termAuthorsPrefix(ALL, hour)}#${h}`)).toBe(0);
    expect(await redis.ttl(`${keys.termAuthorsPrefix(ALL, hour)}zwierkluis`)).toBeGreaterThan(0);
    const centroid = await redis.zrange(keys.narrativeCentroid('n1'), 0, -1, 'WITHSCORES');
    expect(centroid).toContain('zwierkluis');
    expect(centroid).not.toContain(`#${h}`);
    expect(centroid[centroid.indexOf('zwierkluis') + 1]).toBe('4');
    const v = vocabKeys(keys, vocabulary.day);
    expect(await redis.sismember(v.known, 'zwierkluis')).toBe(1);
    expect(await redis.exists(`${v.prefix}a:${h}`, `${v.prefix}w:${h}`)).toBe(0);
    // Its pair, used by one author, stays hashed; kermis (2 authors) too.
    const all = await dump(root);
    expect(all).not.toContain('zwierkluis kermis');
    expect(all).not.toMatch(/kermis/);
  });

  it('writes a term known since yesterday in plain text at once', async () => {
    const { keys, vocabulary, apply } = setup(3);
    const yesterday = vocabKeys(keys, dayOf(Date.parse(vocabulary.day) - 86_400_000)).known;
    await redis.sadd(yesterday, 'lichtstoet');
    await apply(['a1'], ['lichtstoet']);
    expect(await redis.zscore(keys.terms(ALL, hour), 'lichtstoet')).toBe('1');
  });

  it('never writes a term that did not reach k to the AOF (only the script’s effects are persisted)', async () => {
    const { apply } = setup(5);
    const word = `ongezien${Math.random().toString(36).slice(2, 8).replace(/\d/g, 'q')}`;
    await apply(['a1', 'a2', 'a3', 'a4'], [word]);
    const dir = join(inject('redisDir'), 'appendonlydir');
    const aof = readdirSync(dir)
      .map((f) => readFileSync(join(dir, f), 'latin1'))
      .join('');
    expect(aof).toContain('PFADD'); // the batch is in the AOF…
    expect(aof).not.toContain(word); // …its sub-k term is not
  });
});
