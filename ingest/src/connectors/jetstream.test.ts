import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { SAMPLES } from '../samples';
import { jetstreamSource } from './jetstream';
import { collectUntil } from './replay-server';

const events = readFileSync(join(SAMPLES, 'bluesky-jetstream', 'jetstream-window-152-events.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean);
const timeOf = (line: string) => (JSON.parse(line) as { time_us: number }).time_us;
const isPostCreate = (line: string) => {
  const e = JSON.parse(line) as {
    kind: string;
    commit?: { collection: string; operation: string; record?: { text?: string } };
  };
  return (
    e.kind === 'commit' &&
    e.commit?.collection === 'app.bsky.feed.post' &&
    e.commit.operation !== 'delete' &&
    !!e.commit.record?.text
  );
};

describe('Bluesky Jetstream connector against a local WebSocket replay server', () => {
  it('reconnects after a drop and resumes with a cursor a few seconds before the highest time_us; replays count once', async () => {
    const cursors: (string | null)[] = [];
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    let connection = 0;
    const half = 80;
    wss.on('connection', (ws, req) => {
      const u = new URL(req.url ?? '', 'http://x');
      expect(u.pathname).toBe('/subscribe');
      expect(u.searchParams.getAll('wantedCollections')).toEqual(['app.bsky.feed.post']);
      cursors.push(u.searchParams.get('cursor'));
      connection++;
      if (connection === 1) {
        for (const e of events.slice(0, half)) ws.send(e);
        setTimeout(() => ws.terminate(), 50); // dropped without a close frame
      } else {
        const cursor = Number(u.searchParams.get('cursor'));
        for (const e of events) if (timeOf(e) >= cursor) ws.send(e);
      }
    });
    await new Promise((r) => wss.once('listening', r));
    const addr = wss.address();
    const port = addr && typeof addr === 'object' ? addr.port : 0;
    const source = jetstreamSource({ url: `ws://127.0.0.1:${port}`, backoff: { baseMs: 20, maxMs: 50 } });
    const expected = new Set(events.filter(isPostCreate).map((l) => JSON.parse(l).commit.rkey as string));
    const { got, counters } = await collectUntil(
      source,
      (g) => new Set(g.map((p) => p.id.split('/').pop())).size >= expected.size,
      { batchSize: 10 },
    );
    wss.close();
    expect(new Set(got.map((p) => p.id.split('/').pop()))).toEqual(expected);
    expect(got.length).toBe(expected.size); // replayed events deduplicated
    expect(counters.duplicates).toBeGreaterThan(0);
    expect(cursors[0]).toBeNull();
    const highestBefore = Math.max(...events.slice(0, half).map(timeOf));
    expect(Number(cursors[1])).toBe(highestBefore - 5_000_000);
    expect(counters.rejected.deleted ?? 0).toBeGreaterThan(0);
    expect(source.health.reconnects).toBeGreaterThanOrEqual(1);
  });
});
