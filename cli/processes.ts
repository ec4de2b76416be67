import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { PARENT_PIPE_ENV } from './signals';

export const BIN = fileURLToPath(new URL('../bin/trendwacht', import.meta.url));
const COLOURS = ['\x1b[36m', '\x1b[35m', '\x1b[33m', '\x1b[32m', '\x1b[34m'];

/**
 * Node flags of a worker process: a capped heap, so the large short-lived strings of each
 * batch (sealed job data, the delta's payload) are collected before the process grows —
 * without it V8 lets the old space reach gigabytes before a full collection.
 */
// A young generation of 32 MiB: folding a batch makes many short-lived objects (bench-fold: fold,
// assign and apply CPU per post 272/303 → 234/217 µs in two pairs of runs).
export const WORKER_NODE_FLAGS = ['--max-old-space-size=512', '--max-semi-space-size=32'];

/** Node flags for a command run as a child (`worker` gets WORKER_NODE_FLAGS). */
export const nodeFlagsFor = (args: string[]) => (args[0] === 'worker' ? WORKER_NODE_FLAGS : []);

/**
 * Run `trendwacht <args>` as a child, its output prefixed by a coloured name. In a process
 * group of its own: a Ctrl-C reaches `start` alone, which stops each child once (a second
 * signal would cut the replay's grace period short) and Redis last.
 */
export function spawnNamed(name: string, args: string[], env: NodeJS.ProcessEnv, index: number): ChildProcess {
  // stdin: a pipe this process never writes to; when this process is gone (even SIGKILLed)
  // it closes, and the child stops as on SIGTERM (signals.ts, onShutdown).
  const child = spawn(process.execPath, [...nodeFlagsFor(args), BIN, ...args], {
    env: { ...env, [PARENT_PIPE_ENV]: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  const colour = process.stdout.isTTY ? (COLOURS[index % COLOURS.length] ?? '') : '';
  const reset = colour ? '\x1b[0m' : '';
  const prefix = `${colour}${name.padEnd(9)}|${reset} `;
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) createInterface({ input: stream }).on('line', (l) => process.stdout.write(`${prefix}${l}\n`));
  }
  return child;
}

/** SIGTERM a child and wait for it to exit (SIGKILL after `graceMs`). */
export function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export type SuperviseOptions = {
  name: string;
  /** Restart delay after the first crash, doubling up to `maxDelayMs`. */
  firstDelayMs?: number;
  maxDelayMs?: number;
  /** Crashes within `windowMs` after which the supervisor gives up (a crash loop helps nobody). */
  maxCrashes?: number;
  windowMs?: number;
  log?: (line: string) => void;
  /** Called once when the supervisor gives up. */
  onGiveUp?: () => void;
};

/**
 * Keeps a child process running (issue 22: in `start`, a worker killed with SIGKILL used
 * to take the whole stack down). A child that exits on its own is started again after a
 * back-off; BullMQ hands its unfinished batches to the next worker, so nothing is lost.
 * Gives up after `maxCrashes` crashes within `windowMs`.
 */
export class Supervisor {
  child: ChildProcess;
  private stopping = false;
  private crashes: number[] = [];
  private timer: NodeJS.Timeout | null = null;
  readonly o: Required<Omit<SuperviseOptions, 'onGiveUp'>> & Pick<SuperviseOptions, 'onGiveUp'>;

  constructor(
    private readonly spawnChild: () => ChildProcess,
    o: SuperviseOptions,
  ) {
    this.o = {
      firstDelayMs: 1000,
      maxDelayMs: 30_000,
      maxCrashes: 5,
      windowMs: 5 * 60_000,
      log: (line) => process.stdout.write(`${line}\n`),
      ...o,
    };
    this.child = this.launch();
  }

  /** How many times the child was started again. */
  restarts = 0;

  private launch(): ChildProcess {
    const child = this.spawnChild();
    child.once('exit', (code, signal) => {
      if (this.stopping) return;
      const now = Date.now();
      this.crashes = [...this.crashes.filter((t) => now - t < this.o.windowMs), now];
      const how = signal ? `signal ${signal}` : `code ${code}`;
      if (this.crashes.length > this.o.maxCrashes) {
        this.o.log(`${this.o.name} exited (${how}) ${this.crashes.length} times in a row; giving up`);
        this.o.onGiveUp?.();
        return;
      }
      const delay = Math.min(this.o.maxDelayMs, this.o.firstDelayMs * 2 ** (this.crashes.length - 1));
      this.o.log(`${this.o.name} exited (${how}); starting it again in ${Math.round(delay / 100) / 10} s`);
      this.timer = setTimeout(() => {
        this.timer = null;
        if (this.stopping) return;
        this.restarts++;
        this.child = this.launch();
      }, delay);
    });
    return child;
  }

  /** Stop supervising and stop the child (SIGTERM, SIGKILL after the grace time). */
  async stop(graceMs?: number): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    await stopChild(this.child, graceMs);
  }
}
