import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@trendwacht/shared/node';
import { describe, expect, it } from 'vitest';
import { waitFor } from '../test/helpers';
import { PROJECT_ROOT } from './io';
import { BIN } from './processes';

/** Pids of the processes whose command line contains `text` (a renamed redis-server shows its address). */
function pidsOf(text: string): number[] {
  return readdirSync('/proc').flatMap((d) => {
    if (!/^\d+$/.test(d)) return [];
    try {
      return readFileSync(`/proc/${d}/cmdline`, 'utf8').replace(/\0/g, ' ').includes(text) ? [Number(d)] : [];
    } catch {
      return [];
    }
  });
}

/** A process group leader (as a terminal would start it) whose output is collected. */
function launch(args: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; out: () => string } {
  const { REDIS_URL: _, ...rest } = process.env;
  const child = spawn(process.execPath, args, {
    cwd: PROJECT_ROOT,
    env: { ...rest, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let text = '';
  child.stdout?.on('data', (c) => {
    text += String(c);
  });
  child.stderr?.on('data', (c) => {
    text += String(c);
  });
  return { child, out: () => text };
}

const exited = (c: ChildProcess) =>
  c.exitCode !== null || c.signalCode !== null
    ? Promise.resolve(c.exitCode)
    : new Promise<number | null>((r) => c.once('exit', (code) => r(code)));

/** Field `n` of /proc/<pid>/stat counted after the parenthesised name (1: parent, 2: process group); 0 once gone. */
function statField(pid: number, n: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[n]);
  } catch {
    return 0;
  }
}

/** A process that has exited but whose parent has not reaped it yet. */
function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

/** Kill whatever a failed test left behind (start's children have process groups of their own). */
function sweep(child: ChildProcess, redisAddress: string | undefined): void {
  const children = readdirSync('/proc').filter((d) => /^\d+$/.test(d) && statField(Number(d), 1) === child.pid);
  for (const pid of children) {
    try {
      process.kill(-Number(pid), 'SIGKILL');
    } catch {}
  }
  try {
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
  } catch {}
  for (const pid of redisAddress ? pidsOf(`redis-server ${redisAddress}`) : []) process.kill(pid, 'SIGKILL');
}

// Issue: Ctrl-C (a SIGINT to the terminal's whole process group) stopped the private
// redis-server at once, so the draining workers logged ECONNREFUSED. Redis now has a
// process group of its own, is stopped last, and never outlives `start`.
describe(
  'trendwacht start: its private redis-server is stopped last and never outlives it',
  { timeout: 150_000 },
  () => {
    // Ctrl-C once the worker is connected (the case that failed); SIGTERM and SIGHUP reach
    // start alone, once the dashboard listens (a worker still loading is simply stopped).
    const cases = [
      { how: 'Ctrl-C (SIGINT to the whole process group)', signal: 'SIGINT', group: true, ready: 'worker ready' },
      { how: 'SIGTERM to start alone', signal: 'SIGTERM', group: false, ready: 'dashboard listening' },
      { how: 'SIGHUP to start alone', signal: 'SIGHUP', group: false, ready: 'dashboard listening' },
    ] as const;
    it.each(cases)('$how: no ECONNREFUSED while draining, Redis stopped last', async ({ signal, group, ready }) => {
      const dir = mkdtempSync(join(tmpdir(), 'tw-start-'));
      const port = await freePort();
      const { child, out } = launch([BIN, 'start', '--no-replay', '--port', String(port)], {
        TRENDWACHT_DATA_DIR: dir,
      });
      let redisAddress: string | undefined;
      try {
        await waitFor(() => out().includes(ready), 100_000, ready);
        // The worker settled: waiting on the queue (closing it then needs Redis).
        await new Promise((r) => setTimeout(r, 2000));
        redisAddress = /private redis-server on redis:\/\/(127\.0\.0\.1:\d+)/.exec(out())?.[1];
        expect(redisAddress).toBeDefined();
        const [redisPid] = pidsOf(`redis-server ${redisAddress}`);
        expect(redisPid).toBeGreaterThan(0);
        // Out of the group a terminal's Ctrl-C reaches (whether the worker then still needs
        // Redis to close is a race, so the ECONNREFUSED check below alone may miss it).
        expect(statField(redisPid ?? 0, 2)).not.toBe(child.pid);
        expect(out()).toContain(`Trendwacht dashboard: http://127.0.0.1:${port}/`);
        expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBeLessThan(500);
        process.kill(group && child.pid ? -child.pid : (child.pid ?? 0), signal);
        expect(await exited(child)).toBe(0);
        if (ready === 'worker ready') expect(out()).toContain('worker stopped');
        expect(out()).not.toContain('ECONNREFUSED');
        expect(pidsOf(`redis-server ${redisAddress}`)).toEqual([]);
        expect(pidsOf(`redis-watchdog ${redisPid}`)).toEqual([]);
      } finally {
        sweep(child, redisAddress);
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('start SIGKILLed: its worker and dashboard stop too (their stdin pipe from start closes), and Redis', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'tw-start-kill-'));
      const port = await freePort();
      const { child, out } = launch([BIN, 'start', '--no-replay', '--port', String(port)], {
        TRENDWACHT_DATA_DIR: dir,
      });
      let redisAddress: string | undefined;
      let children: number[] = [];
      try {
        await waitFor(() => out().includes('worker ready') && out().includes('dashboard listening'), 100_000, 'ready');
        redisAddress = /private redis-server on redis:\/\/(127\.0\.0\.1:\d+)/.exec(out())?.[1];
        children = readdirSync('/proc')
          .map(Number)
          .filter((pid) => pid > 0 && statField(pid, 1) === child.pid && pidsOf(BIN).includes(pid));
        // A worker and the dashboard at least.
        expect(children.length).toBeGreaterThanOrEqual(2);
        child.kill('SIGKILL');
        await exited(child);
        const alive = () => children.filter((pid) => existsSync(`/proc/${pid}`) && !isZombie(pid));
        await waitFor(() => alive().length === 0, 30_000, "start's children gone");
        await waitFor(() => pidsOf(`redis-server ${redisAddress}`).length === 0, 15_000, 'redis-server stopped');
      } finally {
        // Orphans are no longer start's children: the sweep would not find them.
        for (const pid of children) {
          try {
            process.kill(-pid, 'SIGKILL');
          } catch {}
        }
        sweep(child, redisAddress);
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('a parent that dies without stopping it (SIGKILL) leaves no redis-server: its watchdog stops it', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'tw-watchdog-'));
      const script = `import { startRedisServer } from '@trendwacht/shared/node';
const r = await startRedisServer({ dir: ${JSON.stringify(dir)}, appendonly: false, detached: true });
console.log('up ' + r.port);
setInterval(() => undefined, 1000);`;
      const { child, out } = launch(['--import', 'tsx', '--input-type=module', '-e', script], {});
      let redisAddress: string | undefined;
      try {
        await waitFor(() => /up \d+/.test(out()), 30_000, 'redis-server up');
        redisAddress = `127.0.0.1:${/up (\d+)/.exec(out())?.[1]}`;
        expect(pidsOf(`redis-server ${redisAddress}`)).toHaveLength(1);
        child.kill('SIGKILL');
        await exited(child);
        await waitFor(() => pidsOf(`redis-server ${redisAddress}`).length === 0, 15_000, 'redis-server stopped');
      } finally {
        sweep(child, redisAddress);
        rmSync(dir, { recursive: true, force: true });
      }
    });
  },
);
