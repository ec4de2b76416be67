import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { PROJECT_ROOT } from './io';
import { WORKER_NODE_FLAGS } from './processes';

/** Which posts a child analyses: the bench's pool (generateDay, so each child makes the same one) and its share. */
export type CoreShare = { seed: number; start: number; pool: number; offset: number; posts: number };

const CHILD = fileURLToPath(new URL('./bench-cores-child.ts', import.meta.url));

/**
 * The analysis alone on `cores` cores at once (issue 20's "analysis-only speed on the same
 * cores"): one process per core, each with the workers' Node flags, each warmed up, then all
 * started together on their share of `sample` posts. Posts per second of wall time from the
 * start to the last one done. Two processes on this machine's two cores each run slower than
 * one alone (shared caches and memory bandwidth), so this is the speed the pipeline's workers
 * could reach if they did nothing but analyse — the fair denominator of the ratio.
 */
export async function analysisOnCores(
  pool: Omit<CoreShare, 'offset' | 'posts'>,
  sample: number,
  cores: number,
): Promise<{ postsPerSecond: number; cpuMicrosPerPost: number }> {
  const each = Math.ceil(sample / cores);
  const children = Array.from({ length: cores }, (_, i) => {
    const share: CoreShare = { ...pool, offset: i * each, posts: each };
    // tsx is resolved from the project's root (the bench may be started from anywhere).
    const child = spawn(process.execPath, [...WORKER_NODE_FLAGS, '--import', 'tsx', CHILD, JSON.stringify(share)], {
      cwd: PROJECT_ROOT,
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const lines = createInterface({ input: child.stdout });
    const next = () =>
      new Promise<string>((resolve, reject) => {
        lines.once('line', resolve);
        child.once('exit', (code) => reject(new Error(`analysis child exited (${code}) before answering`)));
      });
    return { child, next };
  });
  try {
    await Promise.all(children.map((c) => c.next().then((l) => expect(l, 'ready'))));
    const t0 = process.hrtime.bigint();
    const done = children.map((c) => c.next());
    for (const c of children) c.child.stdin.write('go\n');
    const results = (await Promise.all(done)).map((l) => JSON.parse(l) as { cpuMicros: number });
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const cpu = results.reduce((n, r) => n + r.cpuMicros, 0);
    return { postsPerSecond: (each * cores) / seconds, cpuMicrosPerPost: cpu / (each * cores) };
  } finally {
    for (const c of children) c.child.kill();
  }
}

function expect(line: string, what: string) {
  if (line !== what) throw new Error(`analysis child said ${JSON.stringify(line.slice(0, 80))}, not ${what}`);
}
