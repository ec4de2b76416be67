import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { Post } from '@trendwacht/shared';
import type { IngestCounters } from '../counters';
import { runIngest } from '../run';
import type { Source } from '../source';

export type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => void;

/**
 * A local HTTP server on 127.0.0.1 that replays a platform's protocol for connector tests.
 * `n` counts the requests to the same path (first connection, reconnect, …).
 */
export async function replayServer(
  routes: Record<string, Handler>,
): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const counts = new Map<string, number>();
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const n = (counts.get(path) ?? 0) + 1;
    counts.set(path, n);
    const h = routes[path];
    if (!h) {
      res.writeHead(404).end();
      return;
    }
    h(req, res, n);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/**
 * Runs a connector (batches of `batchSize`) until `done(got)` holds — checked after each
 * batch and every 10 ms, so it may also watch the replay server — and returns what it
 * delivered with the run's counters.
 */
export async function collectUntil(
  source: Source,
  done: (got: Post[]) => boolean,
  o: { batchSize?: number; batchMs?: number } = {},
): Promise<{ got: Post[]; counters: IngestCounters }> {
  const got: Post[] = [];
  const ctrl = new AbortController();
  const watch = setInterval(() => done(got) && ctrl.abort(), 10);
  try {
    const counters = await runIngest(source, {
      send: async (posts) => {
        got.push(...posts);
        if (done(got)) ctrl.abort();
      },
      batchSize: o.batchSize ?? 1,
      batchMs: o.batchMs ?? 10,
      signal: ctrl.signal,
    });
    return { got, counters };
  } finally {
    clearInterval(watch);
  }
}
