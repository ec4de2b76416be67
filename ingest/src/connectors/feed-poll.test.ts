import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLES } from '../samples';
import { feedPollSource } from './feed-poll';
import { collectUntil, replayServer } from './replay-server';

const rss2 = readFileSync(join(SAMPLES, 'rss-atom', 'city-news-rss2.xml'), 'utf8');
const atom = readFileSync(join(SAMPLES, 'rss-atom', 'digital-city-blog.atom'), 'utf8');

describe('RSS/Atom poller against a local replay server', () => {
  it('uses conditional GET (304), honours 429 Retry-After, and takes new items from a changed feed once', async () => {
    const log: { n: number; inm: string | undefined; at: number }[] = [];
    const srv = await replayServer({
      '/feed': (req, res, n) => {
        log.push({ n, inm: req.headers['if-none-match'] as string | undefined, at: Date.now() });
        if (n === 1) res.writeHead(200, { ETag: '"v1"', 'Content-Type': 'application/rss+xml' }).end(rss2);
        else if (n === 2) res.writeHead(req.headers['if-none-match'] === '"v1"' ? 304 : 200).end();
        else if (n === 3) res.writeHead(429, { 'Retry-After': '1' }).end();
        else res.writeHead(200, { ETag: '"v2"' }).end(atom);
      },
    });
    const source = feedPollSource([`${srv.url}/feed`], { intervalMs: 30 });
    const rssCount = (rss2.match(/<item>/g) ?? []).length;
    const atomCount = (atom.match(/<entry>/g) ?? []).length;
    const { got, counters } = await collectUntil(source, () => log.length >= 6, { batchSize: 5 });
    await srv.close();
    expect(log[1]?.inm).toBe('"v1"');
    expect((log[3]?.at ?? 0) - (log[2]?.at ?? 0)).toBeGreaterThanOrEqual(950);
    expect(got.length).toBe(rssCount + atomCount);
    // The changed feed served twice: its items counted once.
    expect(counters.duplicates).toBeGreaterThanOrEqual(atomCount);
    expect(source.health.lastError).toBe('http_429');
    expect(got.every((p) => p.source === 'feed' && p.text.length > 0)).toBe(true);
  });
});
