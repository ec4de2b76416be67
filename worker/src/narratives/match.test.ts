import { createRng } from '@trendwacht/shared';
import { afterAll, describe, expect, it } from 'vitest';
import { dropRoot, testKeys, testRedis, uniqueRoot } from '../../../test/helpers';
import { DEFAULT_NARRATIVES, NarrativeIndex } from '../trends/narratives';
import { fastMatcher } from './match';

const redis = testRedis();
const root = uniqueRoot();
const keys = testKeys(root);
afterAll(async () => {
  await dropRoot(redis, root);
  await redis.quit();
});

const VOCAB = Array.from({ length: 60 }, (_, i) => `woord${i}`);
// Words of fewer than k authors rest keyed: '#' + their hash (here a fixed stand-in).
const hash = (w: string) => `h${w.length}${w}`;

/** Candidates in Redis as the apply script leaves them: registries and centroids, some words keyed. */
async function seed(themes: string[], perTheme: number) {
  const rng = createRng(3);
  for (const theme of themes) {
    for (let i = 0; i < perTheme; i++) {
      const id = `${theme}-${i}`;
      await redis.zadd(keys.narratives(theme), perTheme - i, id);
      await redis.hset(keys.narrativeMeta(id), 'theme', theme);
      for (let j = 0; j < 8; j++) {
        const w = rng.pick(VOCAB);
        await redis.zincrby(keys.narrativeCentroid(id), 1 + rng.int(4), rng.chance(0.3) ? `#${hash(w)}` : w);
      }
    }
  }
}

describe('the inverted-index matcher', () => {
  it('assigns, founds and finds responders exactly as comparing every candidate does', async () => {
    const themes = ['polarisation', 'hate', 'disinfo'];
    await seed(themes, 25);
    const opts = { ...DEFAULT_NARRATIVES, refreshMs: 60_000 };
    const [a, b] = [new NarrativeIndex(redis, keys, opts), new NarrativeIndex(redis, keys, opts)] as const;
    await a.prepare(themes);
    await b.prepare(themes);
    const fast = fastMatcher(b, hash);
    const rng = createRng(9);
    const post = () => ({
      words: [...new Set(Array.from({ length: 2 + rng.int(5) }, () => rng.pick(VOCAB)))],
      theme: rng.pick(themes),
    });
    // Responders first, on the candidates read from Redis. (Once this process founds and
    // grows narratives, the inverted index also knows the words they took since, which
    // the index's own word lists miss.)
    let responders = 0;
    for (let i = 0; i < 300; i++) {
      const { words, theme } = post();
      const skip = new Set([theme]);
      const want = a.closest(words, 2, skip, hash);
      expect(fast.responds(words, 2, skip)?.id, `post ${i}`).toBe(want?.id);
      if (want) responders++;
    }
    expect(responders).toBeGreaterThan(30);
    const every = a.matcher(hash);
    let joined = 0;
    let founded = 0;
    for (let i = 0; i < 400; i++) {
      const { words, theme } = post();
      const want = every(theme, words, 'pushing');
      const got = fast.assign(theme, words, 'pushing');
      expect(got?.id, `post ${i}`).toBe(want?.id);
      expect(got?.similarity ?? 0).toBeCloseTo(want?.similarity ?? 0, 9);
      if (want && !want.id.includes('-')) founded++;
      else if (want) joined++;
    }
    expect(joined).toBeGreaterThan(50);
    expect(founded).toBeGreaterThan(20);
  });
});
