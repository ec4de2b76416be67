import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { SAMPLES } from '../samples';
import { mastodonSource } from './mastodon';
import { collectUntil, replayServer } from './replay-server';

const example = JSON.parse(readFileSync(join(SAMPLES, 'mastodon', 'status-entity.json'), 'utf8'));
/** A status in the documented shape, with synthetic content. */
const status = (id: string, host: string, text: string) => ({
  ...example,
  id,
  uri: `https://origin.example/users/someone/statuses/${id}`,
  url: `https://${host}/@someone/${id}`,
  visibility: 'public',
  reblog: null,
  content: `<p>${text} <a href="https://${host}/tags/kermis" class="mention hashtag">#<span>kermis</span></a></p>`,
  created_at: new Date().toISOString(),
});
const sse = (event: string, data: unknown) =>
  `event: ${event}\ndata: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;

describe('Mastodon streaming connector (SSE) against a local replay server', () => {
  it('survives heartbeats and a dropped connection, fills the gap over REST with min_id, and counts a status once across instances', async () => {
    const A = status('1001', 'one.example', 'Drukte op de kermis &amp; de markt');
    const B = status('1002', 'one.example', 'Tijdens de onderbreking gepost');
    const C = status('1003', 'one.example', 'Weer verbonden met de stroom');
    const minIds: string[] = [];
    const one = await replayServer({
      '/api/v1/streaming/public': (req, res, n) => {
        expect(req.headers.authorization).toBe('Bearer secret-token');
        res.writeHead(200, { 'Content-Type': 'text/event-stream' });
        if (n === 1) {
          res.write(':)\n');
          res.write(':thump\n');
          res.write(sse('update', A));
          res.write(sse('notification', { id: '5', type: 'mention' }));
          res.write(sse('delete', '999'));
          res.write('event: update\ndata: {"id":"10'); // cut off mid-event
          setTimeout(() => res.destroy(), 50);
        } else {
          res.write(':)\n');
          res.write(sse('update', C));
        }
      },
      '/api/v1/timelines/public': (req, res) => {
        const minId = new URL(req.url ?? '', 'http://x').searchParams.get('min_id') ?? '';
        minIds.push(minId);
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(minId === '1001' ? [B] : []));
      },
    });
    // A second instance federates the same status A (same uri).
    const two = await replayServer({
      '/api/v1/streaming/public': (_req, res) => {
        res.writeHead(200, { 'Content-Type': 'text/event-stream' });
        res.write(sse('update', { ...A, id: '777', url: 'https://two.example/@someone/777' }));
      },
    });
    const source = mastodonSource(
      [
        { base: one.url, stream: 'public', token: 'secret-token' },
        { base: two.url, stream: 'public' },
      ],
      { backoff: { baseMs: 20, maxMs: 100 } },
    );
    const { got, counters } = await collectUntil(source, (g) => g.length >= 3);
    await one.close();
    await two.close();
    expect(got.map((p) => p.text.split('\n')[0]).sort()).toEqual([
      'Drukte op de kermis & de markt #kermis',
      'Tijdens de onderbreking gepost #kermis',
      'Weer verbonden met de stroom #kermis',
    ]);
    expect(got.every((p) => p.id.startsWith('mastodon:https://origin.example/users/someone/statuses/'))).toBe(true);
    expect(minIds[0]).toBe('1001');
    expect(counters.duplicates).toBe(1);
    // The event cut off by the dropped connection is never emitted half.
    expect(counters.rejected).toEqual({ not_a_post: 1, deleted: 1 });
    expect(source.health).toMatchObject({ mapper: 'm1', state: 'stopped' });
    expect(source.health.reconnects).toBeGreaterThanOrEqual(1);
    expect(source.health.lastError).toBe('network');
  });

  it('waits as the server says on 429 before reconnecting', async () => {
    let first = 0;
    let second = 0;
    const srv = await replayServer({
      '/api/v1/streaming/public': (_req, res, n) => {
        if (n === 1) {
          first = Date.now();
          res.writeHead(429, { 'Retry-After': '1' }).end();
          return;
        }
        second = Date.now();
        res.writeHead(200, { 'Content-Type': 'text/event-stream' });
        res.write(sse('update', status('2001', 'one.example', 'Na het wachten')));
      },
    });
    const source = mastodonSource([{ base: srv.url, stream: 'public' }], { backoff: { baseMs: 1, maxMs: 5 } });
    await collectUntil(source, (g) => g.length >= 1);
    await srv.close();
    expect(second - first).toBeGreaterThanOrEqual(950);
    expect(source.health.lastError).toBe('http_429');
  });

  it('WebSocket variant: subscribes, reads JSON inside the payload string, reconnects and fills the gap with min_id', async () => {
    // Frames in the documented shape, with other statuses.
    const frame = JSON.parse(readFileSync(join(SAMPLES, 'mastodon', 'ws-public-update.json'), 'utf8'));
    const del = readFileSync(join(SAMPLES, 'mastodon', 'ws-delete.json'), 'utf8');
    const wsFrame = (st: unknown) => JSON.stringify({ ...frame, payload: JSON.stringify(st) });
    const A = status('3001', 'ws.example', 'Markt verplaatst naar het plein');
    const B = status('3002', 'ws.example', 'Gemist tijdens de breuk');
    const C = status('3003', 'ws.example', 'Terug verbonden via websocket');
    const rest = await replayServer({
      '/api/v1/timelines/tag/kermis': (req, res) => {
        const q = new URL(req.url ?? '', 'http://x').searchParams;
        expect(req.headers.authorization).toBe('Bearer ws-token');
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(q.get('min_id') === '3001' ? [B] : []));
      },
    });
    const subscribes: unknown[] = [];
    let connection = 0;
    const wss = new WebSocketServer({ server: rest.server, path: '/api/v1/streaming' });
    wss.on('connection', (ws, req) => {
      expect(req.headers.authorization).toBe('Bearer ws-token');
      expect(req.url).toBe('/api/v1/streaming'); // no token in the URL
      connection++;
      const n = connection;
      ws.on('message', (m) => {
        subscribes.push(JSON.parse(m.toString()));
        if (n === 1) {
          ws.send(wsFrame(A));
          ws.send(del);
          ws.send('{"event":"update","payload":'); // a broken frame
          setTimeout(() => ws.terminate(), 50);
        } else ws.send(wsFrame(C));
      });
    });
    const source = mastodonSource([{ base: rest.url, stream: 'hashtag', tag: 'kermis', token: 'ws-token' }], {
      transport: 'websocket',
      backoff: { baseMs: 20, maxMs: 100 },
    });
    const { got, counters } = await collectUntil(source, (g) => g.length >= 3);
    wss.close();
    await rest.close();
    expect(got.map((p) => p.text.split('\n')[0]).sort()).toEqual([
      'Gemist tijdens de breuk #kermis',
      'Markt verplaatst naar het plein #kermis',
      'Terug verbonden via websocket #kermis',
    ]);
    expect(subscribes[0]).toEqual({ type: 'subscribe', stream: 'hashtag', tag: 'kermis' });
    expect(subscribes.length).toBe(2);
    expect(counters.rejected).toEqual({ deleted: 1, unmappable: 1 });
    expect(source.health.reconnects).toBeGreaterThanOrEqual(1);
    expect(source.health.lastError).toBe('stream_closed');
  });
});
