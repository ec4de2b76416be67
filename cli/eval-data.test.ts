import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATASET_IDS } from '@trendwacht/worker/training';
import { describe, expect, it } from 'vitest';
import { main } from './main';

/** Runs `main` in process, collecting what it writes to stdout and stderr. */
async function capture(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const write = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
  process.stdout.write = ((c: string) => out.push(String(c)) > 0) as typeof process.stdout.write;
  process.stderr.write = ((c: string) => err.push(String(c)) > 0) as typeof process.stderr.write;
  try {
    const code = await main(args);
    return { code, out: out.join(''), err: err.join('') };
  } finally {
    process.stdout.write = write.out;
    process.stderr.write = write.err;
  }
}

// A clone has no ../shared/data: eval still scores the own suites and names what is absent.
describe('eval without the development data', { timeout: 120_000 }, () => {
  it('scores the own suites and says in one line which development sets are absent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tw-no-data-'));
    try {
      const r = await capture(['eval', '--data', dir, '--json', '--rounds', '5']);
      expect(r.code).toBe(0);
      const report = JSON.parse(r.out);
      expect(report.absent).toEqual([...DATASET_IDS]);
      expect(report.suites.map((s: { lang: string }) => s.lang)).toEqual(['nl', 'fr', 'en']);
      expect(r.err.trim().split('\n')).toEqual([
        `development sets absent, not scored: ${DATASET_IDS.join(', ')} (not in ${dir}; --data DIR)`,
      ]);
      // Asked for a set that is not there: an error naming the missing file, not an empty report.
      const one = await capture(['eval', '--data', dir, '--dataset', 'mlma-fr']);
      expect(one.code).toBe(1);
      expect(one.err).toContain(`dataset file not found: ${dir}/`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
