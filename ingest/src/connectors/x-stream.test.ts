import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLES } from '../samples';
import { collectUntil, replayServer } from './replay-server';
import { xStreamSource } from './x-stream';

const line = (f: string) => JSON.stringify(JSON.parse(readFileSync(join(SAMPLES, 'x-twitter', f), 'utf8')));

describe('X filtered stream connector against a local replay server', () => {
  it('reads lines across keep-alives and chunk borders, waits out a 429 until x-rate-limit-reset, reconnects', async () => {
    const at: number[] = [];
    const srv = await replayServer({
      '/2/tweets/search/stream': (req, res, n) => {
        at.push(Date.now());
        expect(req.headers.authorization).toBe('Bearer app-token');
        expect(req.url).toContain('tweet.fields=created_at,lang,author_id');
        if (n === 1) {
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.write('\r\n\r\n');
          const l = line('xdocs-quickstart-filtered-stream-event.json');
          res.write(l.slice(0, 40));
          setTimeout(() => {
            res.write(`${l.slice(40)}\r\n`);
            res.write('{"not":"a tweet"}\r\n');
            setTimeout(() => res.destroy(), 30); // dropped, after the data is out
          }, 20);
        } else if (n === 2) {
          res
            .writeHead(429, { 'x-rate-limit-reset': String(Math.ceil(Date.now() / 1000) + 1) })
            .end(line('postman-filtered-stream-429.json'));
        } else {
          res.writeHead(200);
          res.write(`${line('gotwtr-filtered-stream-test-body.json')}\r\n`);
        }
      },
    });
    const source = xStreamSource({ base: srv.url, bearer: 'app-token', backoff: { baseMs: 10, maxMs: 20 } });
    const { got, counters } = await collectUntil(source, (g) => g.length >= 2);
    await srv.close();
    expect(got.map((p) => p.id)).toEqual(['x:1234567890', 'x:1228393702244134912']);
    expect(got[0]?.authorKey).toBe('9876543210');
    expect(counters.rejected).toEqual({ unmappable: 1 });
    expect((at[2] ?? 0) - (at[1] ?? 0)).toBeGreaterThanOrEqual(500);
    expect(source.health.lastError).toBe('http_429');
  });
});
