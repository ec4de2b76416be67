import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLES } from '../samples';
import { redditPollSource } from './reddit-poll';
import { collectUntil, replayServer } from './replay-server';

/** The user-submissions listing's children, re-dated and given other text. */
const template = JSON.parse(
  readFileSync(join(SAMPLES, 'reddit', 'listing-user-submissions-new-limit4.json'), 'utf8'),
) as { kind: string; data: { children: { kind: string; data: Record<string, unknown> }[] } };
const child = (i: number, name: string) => {
  const c = template.data.children[i % template.data.children.length];
  return {
    ...c,
    data: {
      ...c?.data,
      name,
      subreddit: 'belgium',
      title: `Nieuw fietspad ${name}`,
      selftext: 'Wat vinden jullie van de werken?',
      created_utc: Date.now() / 1000,
    },
  };
};
const listing = (...names: string[]) =>
  JSON.stringify({ ...template, data: { ...template.data, children: names.map((n, i) => child(i, n)) } });

/** The comment listing's comment, re-dated and given other text. */
const commentTemplate = JSON.parse(readFileSync(join(SAMPLES, 'reddit', 'listing-comment-t1.json'), 'utf8')) as {
  kind: string;
  data: { children: { kind: string; data: Record<string, unknown> }[] };
};
const comments = (...names: string[]) =>
  JSON.stringify({
    ...commentTemplate,
    data: {
      ...commentTemplate.data,
      children: names.map((name) => ({
        kind: 't1',
        data: {
          ...commentTemplate.data.children[0]?.data,
          name,
          subreddit: 'gent',
          body: `Akkoord, het fietspad is een verbetering (${name})`,
          created_utc: Date.now() / 1000,
        },
      })),
    },
  });

describe('Reddit poller against a local replay server', () => {
  it('fetches an OAuth token, polls /new with raw_json and before=, honours 429 and x-ratelimit headers, refreshes a refused token', async () => {
    const tokens: string[] = [];
    const calls: { n: number; before: string | null; auth: string | undefined; at: number; raw: string | null }[] = [];
    const srv = await replayServer({
      '/api/v1/access_token': (req, res, n) => {
        const basic = Buffer.from('app-id:app-secret').toString('base64');
        expect(req.method).toBe('POST');
        expect(req.headers.authorization).toBe(`Basic ${basic}`);
        tokens.push(`tok-${n}`);
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ access_token: `tok-${n}`, token_type: 'bearer', expires_in: 86400 }));
      },
      '/r/belgium/new': (req, res, n) => {
        const q = new URL(req.url ?? '', 'http://x').searchParams;
        calls.push({
          n,
          before: q.get('before'),
          auth: req.headers.authorization,
          at: Date.now(),
          raw: q.get('raw_json'),
        });
        const json = { 'Content-Type': 'application/json', 'x-ratelimit-used': '1', 'x-ratelimit-reset': '1' };
        if (n === 1) res.writeHead(200, { ...json, 'x-ratelimit-remaining': '99' }).end(listing('t3_b2', 't3_b1'));
        else if (n === 2) res.writeHead(429, { 'Retry-After': '1' }).end();
        else if (n === 3) res.writeHead(200, { ...json, 'x-ratelimit-remaining': '0' }).end(listing('t3_b3'));
        else if (n === 4) res.writeHead(401).end();
        else res.writeHead(200, { ...json, 'x-ratelimit-remaining': '50' }).end(listing('t3_b4', 't3_b3'));
      },
    });
    const source = redditPollSource({
      subreddits: ['belgium'],
      auth: { clientId: 'app-id', clientSecret: 'app-secret' },
      base: srv.url,
      tokenUrl: `${srv.url}/api/v1/access_token`,
      intervalMs: 20,
    });
    const { got, counters } = await collectUntil(source, () => calls.length >= 6);
    await srv.close();
    expect(got.map((p) => p.id).sort()).toEqual(['reddit:t3_b1', 'reddit:t3_b2', 'reddit:t3_b3', 'reddit:t3_b4']);
    expect(counters.duplicates).toBeGreaterThanOrEqual(1); // t3_b3 served again
    expect(calls.every((c) => c.raw === '1')).toBe(true);
    expect(calls.slice(0, 5).map((c) => c.before)).toEqual([null, 't3_b2', 't3_b2', 't3_b3', 't3_b3']);
    // 429 Retry-After: 1 → the next request a second later; remaining 0, reset 1 → likewise.
    expect((calls[2]?.at ?? 0) - (calls[1]?.at ?? 0)).toBeGreaterThanOrEqual(950);
    expect((calls[3]?.at ?? 0) - (calls[2]?.at ?? 0)).toBeGreaterThanOrEqual(950);
    // The refused token was replaced once.
    expect(tokens).toEqual(['tok-1', 'tok-2']);
    expect(calls[4]?.auth).toBe('Bearer tok-2');
    expect(got.every((p) => p.source === 'reddit' && p.tags.includes('belgium'))).toBe(true);
    expect(source.health).toMatchObject({ mapper: 'r1', lastError: 'http_429', state: 'stopped' });
  });

  it('with comments, polls /comments beside /new, each listing with its own cursor', async () => {
    const befores: Record<string, (string | null)[]> = { new: [], comments: [] };
    const srv = await replayServer({
      '/r/gent/new': (req, res, n) => {
        befores.new?.push(new URL(req.url ?? '', 'http://x').searchParams.get('before'));
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(n === 1 ? listing('t3_p1') : listing());
      },
      '/r/gent/comments': (req, res, n) => {
        befores.comments?.push(new URL(req.url ?? '', 'http://x').searchParams.get('before'));
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(n === 1 ? comments('t1_k2', 't1_k1') : n === 2 ? comments('t1_k3') : comments());
      },
    });
    const source = redditPollSource({
      subreddits: ['gent'],
      comments: true,
      auth: { token: 'given' },
      base: srv.url,
      intervalMs: 10,
    });
    const { got } = await collectUntil(source, (g) => g.length >= 4 && (befores.comments?.length ?? 0) >= 3, {
      batchMs: 5,
    });
    await srv.close();
    expect(got.map((p) => p.id).sort()).toEqual(['reddit:t1_k1', 'reddit:t1_k2', 'reddit:t1_k3', 'reddit:t3_p1']);
    expect(befores.new?.slice(0, 2)).toEqual([null, 't3_p1']);
    expect(befores.comments?.slice(0, 3)).toEqual([null, 't1_k2', 't1_k3']);
    expect(got.find((p) => p.id === 'reddit:t1_k1')?.text).toContain('fietspad');
  });

  it('drops a cursor whose post is gone after empty polls, and takes the newest page again', async () => {
    const befores: (string | null)[] = [];
    const srv = await replayServer({
      '/r/gent/new': (req, res, n) => {
        befores.push(new URL(req.url ?? '', 'http://x').searchParams.get('before'));
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(n === 1 ? listing('t3_c1') : n < 5 ? listing() : listing('t3_c2', 't3_c1'));
      },
    });
    const source = redditPollSource({
      subreddits: ['gent'],
      auth: { token: 'given' },
      base: srv.url,
      intervalMs: 10,
      staleAfter: 3,
    });
    const { got } = await collectUntil(source, (g) => g.length >= 2, { batchMs: 5 });
    await srv.close();
    expect(befores.slice(0, 5)).toEqual([null, 't3_c1', 't3_c1', 't3_c1', null]);
    expect(got.map((p) => p.id)).toEqual(['reddit:t3_c1', 'reddit:t3_c2']);
  });
});
