import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../bin/trendwacht', import.meta.url));
const COLOURS = ['\x1b[36m', '\x1b[35m', '\x1b[33m', '\x1b[32m', '\x1b[34m'];

/**
 * Node flags of a worker process: a capped heap, so the large short-lived strings of each
 * batch (sealed job data, the delta's payload) are collected before the process grows —
 * without it V8 lets the old space reach gigabytes before a full collection.
 */
export const WORKER_NODE_FLAGS = ['--max-old-space-size=512'];

/** Node flags for a command run as a child (`worker` gets WORKER_NODE_FLAGS). */
export const nodeFlagsFor = (args: string[]) => (args[0] === 'worker' ? WORKER_NODE_FLAGS : []);

/** Run `trendwacht <args>` as a child, its output prefixed by a coloured name. */
export function spawnNamed(name: string, args: string[], env: NodeJS.ProcessEnv, index: number): ChildProcess {
  const child = spawn(process.execPath, [...nodeFlagsFor(args), BIN, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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
