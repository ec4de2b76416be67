/**
 * Folding and applying alone (README, Performance): a batch's fold and its apply script, no
 * analysis and no queue, on a private redis-server with AOF. Prints worker CPU, Redis CPU
 * and Redis bytes per post as one JSON line. Compare two trees by running each one's copy:
 *   npx tsx cli/bench-fold.ts [posts=50000] [batchSize=1000]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDay } from '@trendwacht/fixtures';
import { type Post, tenantKeys } from '@trendwacht/shared';
import { connectRedis, startRedisServer } from '@trendwacht/shared/node';
import { createAnalyzer } from '../worker/src/analysis/pipeline';
import { ExpiryMemo, applyDelta } from '../worker/src/apply';
import { AuthorHasher } from '../worker/src/authors';
import { analyse, foldAnalysed } from '../worker/src/process-batch';
import { postIdHasher } from '../worker/src/seen-posts';
import { NarrativeIndex } from '../worker/src/trends/narratives';
import { commandStats, perPostCommands, redisCpu, usedMemory } from './bench-measure';
import { memoryByKind } from './bench-memory';

const posts = Number(process.argv[2] ?? 50_000);
const batchSize = Number(process.argv[3] ?? 1000);
/** The pipeline bench's pool (bench.ts): as many distinct texts, authors and terms. */
const POOL = 20_000;
const dir = await mkdtemp(join(tmpdir(), 'tw-bench-fold-'));
const server = await startRedisServer({ dir, appendonly: true });
const redis = connectRedis(server.url);
const keys = tenantKeys('bf', 'bench');
const analyze = createAnalyzer();
const idHash = postIdHasher(Buffer.alloc(32, 1));
const pool = generateDay({ seed: 17, start: Date.now() - 23 * 3_600_000, posts: POOL, scenario: null }).map((p) => {
  const post = {
    ...p,
    id: String(p.id),
    text: String(p.text),
    source: p.source ?? 'bench',
    createdAt: Date.now(),
  } as Post;
  return { post, result: analyse(analyze, post) };
});
const deps = {
  keys,
  hasher: new AuthorHasher(null, keys),
  expiries: new ExpiryMemo(),
  k: () => 5,
  // Narratives as the workers keep them (their stance term lists are a good part of the bytes).
  narratives: new NarrativeIndex(redis, keys),
};
const redis0 = await redisCpu(redis);
const memory0 = await usedMemory(redis);
const commands0 = await commandStats(redis);
const cpu0 = process.cpuUsage();
for (let n = 0, b = 0; n < posts; b++) {
  const items = [];
  for (let i = 0; i < batchSize; i++, n++) {
    const a = pool[n % pool.length] as (typeof pool)[number];
    const post = { ...a.post, id: `${a.post.id}-${n}`, createdAt: Date.now() };
    items.push({ post, result: a.result, hash: idHash(post) });
  }
  const delta = await foldAnalysed(deps, items);
  delta.seen = items.map((x) => x.hash);
  await applyDelta(redis, keys, `b${b}`, delta, { type: 'batch' }, { memo: deps.expiries, now: Date.now() });
}
const cpu = process.cpuUsage(cpu0);
const result = {
  posts,
  batchSize,
  workerMicrosPerPost: Math.round((cpu.user + cpu.system) / posts),
  redisMicrosPerPost: Math.round((((await redisCpu(redis)) - redis0) * 1e6) / posts),
  redisBytesPerPost: Math.round(((await usedMemory(redis)) - memory0) / posts),
  // Redis time per command and post (a script's time includes its commands).
  commands: Object.fromEntries(
    perPostCommands(commands0, await commandStats(redis), posts).map((c) => [
      c.command,
      { calls: c.callsPerPost, micros: c.microsPerPost },
    ]),
  ),
  // Bytes per post by kind of key (MEMORY USAGE): what the per-post figure is made of.
  byKind: Object.fromEntries(
    (await memoryByKind(redis, 'bf')).map((m) => [
      m.kind,
      { keys: m.keys, bytesPerPost: Math.round((m.bytes / posts) * 10) / 10 },
    ]),
  ),
};
process.stdout.write(`${JSON.stringify(result)}\n`);
await redis.quit();
await server.stop();
await rm(dir, { recursive: true, force: true });
