/**
 * Run `fn` once on the first of `signals` (SIGINT and SIGTERM unless told); returns a
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
  return () => {
    for (const s of signals) process.off(s, handler);
  };
}
