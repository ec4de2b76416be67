import type { Mapped } from '../mappers';
import { type ConnectorHealth, SourceReject } from '../source';
import type { ItemQueue } from '../transport/backoff';

/** Mapped items onto a connector's queue, keeping its health's last-item time and lag. */
export function emitTo(queue: ItemQueue<unknown>, health: ConnectorHealth, now: () => number) {
  return (mapped: Mapped[]) => {
    for (const m of mapped) {
      if (m.ok) {
        health.lastItemAt = now();
        const t = typeof m.post.createdAt === 'number' ? m.post.createdAt : Date.parse(String(m.post.createdAt));
        if (Number.isFinite(t)) health.lagMs = Math.max(0, now() - t);
        queue.push(m.post);
      } else queue.push(new SourceReject(m.reason, m.detail));
    }
  };
}

/** A connector's loops feeding one queue, read as the source's items; stops them on abort. */
export async function* drainWhile(
  queue: ItemQueue<unknown>,
  health: ConnectorHealth,
  start: (signal: AbortSignal) => Promise<unknown>,
  signal?: AbortSignal,
): AsyncGenerator<unknown> {
  const ctrl = new AbortController();
  const stop = () => ctrl.abort();
  signal?.addEventListener('abort', stop);
  const running = start(ctrl.signal).finally(() => queue.close());
  try {
    yield* queue.drain();
  } finally {
    ctrl.abort();
    signal?.removeEventListener('abort', stop);
    health.state = 'stopped';
    await running;
  }
}
