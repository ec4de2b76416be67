import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDay, generateHistory } from '@trendwacht/fixtures';
import { type Post, THEME_IDS, tenantKeys } from '@trendwacht/shared';
import { connectRedis, startRedisServer } from '@trendwacht/shared/node';
import { THEME_MIN_SCORE, emptyDelta, fold } from '../aggregate';
import { createAnalyzer } from '../analysis/pipeline';
import { applyDelta } from '../apply';
import { AuthorHasher } from '../authors';
import { NarrativeIndex } from '../trends/narratives';
import { narrativeAssigner, prepareNarratives } from './assign';

/**
 * CPU time of narrative assignment per batch, as under load: one process folds the sample
 * day batch after batch (so narratives founded by earlier batches are candidates of later
 * ones, as when batches arrive faster than the index re-reads Redis). Only the assigner's
 * own calls are timed (process CPU time), not the analysis, folding or Redis.
 *
 *   npx tsx worker/src/narratives/bench.ts [posts a day=8000] [batch=500] [days of history=3] [older narratives per theme=0]
 */
const POSTS = Number(process.argv[2] ?? 8000);
const BATCH = Number(process.argv[3] ?? 500);
const DAYS = Number(process.argv[4] ?? 3);
/** Older narratives per theme in Redis at the start (a tenant with months of history fills its 30 biggest). */
const FILL = Number(process.argv[5] ?? 0);

const cpuMs = (since: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
};

async function main() {
  const dir = await mkdtemp(join(tmpdir(), 'nar-bench-'));
  const server = await startRedisServer({ dir, appendonly: false });
  const redis = connectRedis(server.url);
  try {
    const keys = tenantKeys('bench', 'demo');
    const analyze = createAnalyzer();
    // Days of history first (its narratives are the candidates), then the sample day.
    const start = Date.now() - 22 * 3_600_000;
    const raw = [
      ...generateHistory({ seed: 7, start, days: DAYS, posts: POSTS }),
      ...generateDay({ seed: 7, start, posts: POSTS }),
    ];
    const posts: Post[] = raw
      .map((p, i) => ({
        id: `fx:${i}`,
        source: 'fx',
        text: p.text,
        createdAt: typeof p.createdAt === 'number' ? p.createdAt : Date.parse(p.createdAt),
        authorKey: String(p.authorKey),
        tags: [],
      }))
      .sort((a, b) => a.createdAt - b.createdAt);
    const analysed = posts.flatMap((post) => {
      const r = analyze(post);
      return r.ok ? [{ post, r, themes: r.analysis.themes.filter((h) => h.score >= THEME_MIN_SCORE) }] : [];
    });
    const hasher = new AuthorHasher(null, keys);
    // Two tenants fed alike, batch by batch: the baseline compares every candidate, the
    // other goes through the inverted index. Alternating shares the machine's noise.
    const runs = [false, true].map((inverted) => {
      const k = tenantKeys(inverted ? 'bench-inverted' : 'bench-baseline', 'demo');
      return {
        inverted,
        keys: k,
        index: new NarrativeIndex(redis, k),
        perBatch: [] as number[],
        ids: [] as string[],
        prepare: 0,
      };
    });
    for (const run of runs) {
      for (const theme of THEME_IDS) {
        for (let n = 0; n < FILL; n++) {
          const id = `old-${theme}-${n}`;
          await redis.zadd(run.keys.narratives(theme), 1, id);
          await redis.hset(run.keys.narrativeMeta(id), 'theme', theme);
          // Words of their own (an old story shares few with today's posts), some still keyed.
          const words = Array.from({ length: 40 }, (_, j) => (j % 3 === 0 ? `#${id}-${j}` : `${id}-${j}`));
          await redis.zadd(run.keys.narrativeCentroid(id), ...words.flatMap((w, j) => [1 + (j % 5), w]));
        }
      }
    }
    for (let i = 0; i < analysed.length; i += BATCH) {
      const items = analysed.slice(i, i + BATCH);
      const { day, hash } = await hasher.terms();
      const author = await hasher.current();
      for (const run of runs) {
        const delta = emptyDelta({ day, hash, k: 5 });
        const p0 = process.cpuUsage();
        await prepareNarratives(run.index);
        run.prepare += cpuMs(p0);
        const assign = narrativeAssigner(run.index, hash, { inverted: run.inverted });
        // Assigned in one timed pass (a CPU reading per post would cost more than it measures), then folded.
        // Each run reads its own copies (a post object is read once for all tenants).
        const own = items.map(({ post }) => ({ ...post }));
        const t0 = process.cpuUsage();
        const assigned = items.map(({ r, themes }, j) => assign(own[j] as Post, r.analysis, r.terms, themes));
        const ms = cpuMs(t0);
        items.forEach(({ post, r }, j) => {
          const narratives = assigned[j] ?? [];
          run.ids.push(narratives.map((n) => `${n.id}:${n.perspective}`).join(','));
          const a = post.authorKey ? author(post.source, post.authorKey) : undefined;
          fold(delta, { ...r, createdAt: post.createdAt, source: post.source, author: a, narratives }, run.keys);
        });
        // Seen posts are marked by a hex hash of their id (seen-posts.ts).
        delta.seen = items.map((x) => createHash('sha256').update(x.post.id).digest('hex').slice(0, 24));
        await applyDelta(redis, run.keys, `bench-${i}`, delta, { type: 'batch' });
        run.perBatch.push(ms / items.length);
      }
    }
    const fmt = (x: number) => `${(x * 1000).toFixed(0)} µs`;
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    console.log(`narrative assignment, CPU per post (${analysed.length} posts, batches of ${BATCH}):`);
    for (const run of runs) {
      const third = Math.max(1, Math.floor(run.perBatch.length / 3));
      const candidates = THEME_IDS.reduce((a, t) => a + run.index.candidates(t).length, 0);
      console.log(
        `  ${run.inverted ? 'inverted index' : 'every candidate'}: all ${fmt(mean(run.perBatch))}, ` +
          `first third ${fmt(mean(run.perBatch.slice(0, third)))}, last third ${fmt(mean(run.perBatch.slice(-third)))}, ` +
          `worst batch ${fmt(Math.max(...run.perBatch))}; ${candidates} candidates at the end; ` +
          `reading them: ${fmt(run.prepare / analysed.length)} a post`,
      );
    }
    const [base, inv] = runs as [(typeof runs)[0], (typeof runs)[0]];
    const same = base.ids.filter((x, j) => x === inv.ids[j]).length;
    console.log(`  ratio inverted / every: ${(mean(inv.perBatch) / mean(base.perBatch)).toFixed(2)}`);
    console.log(`  same narrative and perspective for ${((same / base.ids.length) * 100).toFixed(1)} % of posts`);
  } finally {
    await redis.quit();
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
