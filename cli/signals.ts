/**
 * Set by `start` on the children it supervises (processes.ts, spawnNamed): their stdin is a
 * pipe from `start`, which never writes to it.
 */
export const PARENT_PIPE_ENV = 'TRENDWACHT_PARENT_PIPE';

/** How long a child of a vanished `start` may drain before it exits anyway (ms). */
const ORPHAN_GRACE_MS = 10_000;

/**
 * Run `fn` once on the first of `signals` (SIGINT and SIGTERM unless told) — and, in a child
 * of `start`, when `start` is gone however it ended (even SIGKILL): its end of the stdin pipe
 * closes, so the child drains and exits as on SIGTERM instead of running on alone. Returns a
 * function that removes the handlers.
 */
export function onShutdown(
  fn: () => void | Promise<void>,
  signals: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM'],
): () => void {
  let called = false;
  const handler = () => {
    if (called) return;
    called = true;
    void fn();
  };
  for (const s of signals) process.on(s, handler);
  const parentGone = process.env[PARENT_PIPE_ENV] === '1' && !process.stdin.isTTY;
  // Without start, its Redis is going too (its watchdog): a drain that waits on it would never end.
  const orphaned = () => {
    setTimeout(() => process.exit(1), ORPHAN_GRACE_MS).unref();
    handler();
  };
  if (parentGone) {
    process.stdin.on('end', orphaned);
    process.stdin.on('close', orphaned);
    process.stdin.on('error', orphaned);
    process.stdin.resume();
    // The pipe alone keeps no child alive that has otherwise finished.
    (process.stdin as unknown as { unref?: () => void }).unref?.();
  }
  return () => {
    for (const s of signals) process.off(s, handler);
    if (parentGone) {
      process.stdin.off('end', orphaned);
      process.stdin.off('close', orphaned);
      process.stdin.off('error', orphaned);
    }
  };
}
