import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** A V8 CPU profile (`node --cpu-prof`), the parts a summary reads. */
type CpuProfile = {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }[];
  samples: number[];
  timeDeltas: number[];
};

export type HotSpot = { name: string; where: string; selfMs: number; share: number };

const IDLE = new Set(['(idle)', '(program)', '(root)']);

/**
 * Self time per function of one or more V8 CPU profiles, highest first: each sample's time
 * goes to the function on top of the stack. Idle time is left out of the shares; garbage
 * collection is its own row.
 */
export function hotSpots(profiles: readonly CpuProfile[], top = 15): { busyMs: number; rows: HotSpot[] } {
  const self = new Map<string, { name: string; where: string; us: number }>();
  let busy = 0;
  for (const p of profiles) {
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    for (let i = 0; i < p.samples.length; i++) {
      const node = byId.get(p.samples[i] as number);
      const dt = p.timeDeltas[i + 1] ?? 0;
      if (!node || dt <= 0) continue;
      const { functionName, url, lineNumber } = node.callFrame;
      const name = functionName || '(anonymous)';
      if (IDLE.has(name)) continue;
      const where = url ? `${shortUrl(url)}:${lineNumber + 1}` : '';
      const key = `${name} ${where}`;
      const row = self.get(key) ?? { name, where, us: 0 };
      row.us += dt;
      self.set(key, row);
      busy += dt;
    }
  }
  const rows = [...self.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, top)
    .map((r) => ({ name: r.name, where: r.where, selfMs: Math.round(r.us / 1000), share: busy ? r.us / busy : 0 }));
  return { busyMs: Math.round(busy / 1000), rows };
}

/** Self time by area of the code (the worker's folders, Redis client, BullMQ, GC…), highest first. */
export function areas(profiles: readonly CpuProfile[]): { area: string; share: number }[] {
  const all = hotSpots(profiles, Number.POSITIVE_INFINITY);
  const by = new Map<string, number>();
  for (const r of all.rows) {
    const area = areaOf(r);
    by.set(area, (by.get(area) ?? 0) + r.share);
  }
  return [...by].map(([area, share]) => ({ area, share })).sort((a, b) => b.share - a.share);
}

function areaOf(r: HotSpot): string {
  if (r.name === '(garbage collector)') return 'garbage collection';
  const w = r.where;
  if (!w) return 'native';
  const m = /worker\/src\/([a-z-]+)(\/|\.ts)/.exec(w);
  if (m) return m[2] === '/' ? `worker/${m[1]}/` : `worker/${m[1]}.ts`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(w);
  if (pkg) return pkg[1] as string;
  if (w.startsWith('node:')) return 'node internals';
  const own = /(shared|ingest|dashboard|cli)\//.exec(w);
  return own ? `${own[1]}/` : 'other';
}

const shortUrl = (url: string) =>
  url.replace(/^file:\/\//, '').replace(/^.*?\/(worker|shared|node_modules|cli|ingest)\//, '$1/');

/** Reads every `.cpuprofile` in a directory. */
export async function readProfiles(dir: string): Promise<CpuProfile[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.cpuprofile'));
  return Promise.all(files.map(async (f) => JSON.parse(await readFile(join(dir, f), 'utf8')) as CpuProfile));
}

/** A profile summary as text: areas, then the top functions by self time. */
export function profileText(profiles: readonly CpuProfile[], top = 15): string {
  const { busyMs, rows } = hotSpots(profiles, top);
  const pct = (x: number) => `${(x * 100).toFixed(1).padStart(5)} %`;
  const lines = [`CPU profile of the workers: ${(busyMs / 1000).toFixed(1)} s busy`, 'by area (self time):'];
  for (const a of areas(profiles).slice(0, 12)) lines.push(`  ${pct(a.share)}  ${a.area}`);
  lines.push('top functions (self time):');
  for (const r of rows) lines.push(`  ${pct(r.share)}  ${String(r.selfMs).padStart(6)} ms  ${r.name}  ${r.where}`);
  return `${lines.join('\n')}\n`;
}
