/** Run `fn` once on SIGINT or SIGTERM; returns a function that removes the handlers. */
export function onShutdown(fn: () => void | Promise<void>): () => void {
  let called = false;
  const handler = () => {
    if (called) return;
    called = true;
    void fn();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
