/**
 * One core of `analysisOnCores` (bench-cores.ts), its share as the argument: builds the bench's pool, warms the
 * analyzer up, says "ready", waits for "go" on stdin, analyses its share and prints its CPU
 * time as one JSON line.
 */
import { createInterface } from 'node:readline';
import { generateDay } from '@trendwacht/fixtures';
import { createAnalyzer } from '@trendwacht/worker';
import type { CoreShare } from './bench-cores';

const share = JSON.parse(process.argv[2] ?? '') as CoreShare;
const pool = generateDay({ seed: share.seed, start: share.start, posts: share.pool, scenario: null });
const analyze = createAnalyzer();
const run = (from: number, n: number) => {
  for (let i = from; i < from + n; i++) {
    const p = pool[i % pool.length] as (typeof pool)[number];
    analyze({ id: String(p.id), text: String(p.text), ...(p.lang ? { lang: p.lang } : {}) });
  }
};
run(0, 2000);
process.stdout.write('ready\n');
const lines = createInterface({ input: process.stdin });
lines.once('line', () => {
  const c0 = process.cpuUsage();
  run(share.offset, share.posts);
  const c = process.cpuUsage(c0);
  process.stdout.write(`${JSON.stringify({ cpuMicros: c.user + c.system })}\n`);
  lines.close();
});
