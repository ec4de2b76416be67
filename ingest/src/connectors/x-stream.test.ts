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
        expect(req.url).toContain('tweet.fields=created_at,lang,author_id,note_tweet');
        if (n === 1) {
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.write('\r\n\r\n');
          const l = line('filtered-stream-event.json');
          res.write(l.slice(0, 40));
          setTimeout(() => {
            res.write(`${l.slice(40)}\r\n`);
            res.write('{"not":"a tweet"}\r\n');
            setTimeout(() => res.destroy(), 30); // dropped, after the data is out
          }, 20);
        } else if (n === 2) {
          res
            .writeHead(429, { 'x-rate-limit-reset': String(Math.ceil(Date.now() / 1000) + 1) })
            .end(line('filtered-stream-429-too-many-connections.json'));
        } else {
          res.writeHead(200);
          res.write(`${line('filtered-stream-line-default-fields.json')}\r\n`);
        }
      },
    });
    const source = xStreamSource({ base: srv.url, bearer: 'app-token', backoff: { baseMs: 10, maxMs: 20 } });
    const { got, counters } = await collectUntil(source, (g) => g.length >= 2);
    await srv.close();
    expect(got.map((p) => p.id)).toEqual(['x:1861000000000000001', 'x:1861000000000000002']);
    expect(got[0]?.authorKey).toBe('1450000000000000001');
    expect(counters.rejected).toEqual({ unmappable: 1 });
    expect((at[2] ?? 0) - (at[1] ?? 0)).toBeGreaterThanOrEqual(500);
    expect(source.health.lastError).toBe('http_429');
  });

  it("keeps the app's rules tagged trendwacht equal to the configured ones, leaving other rules alone", async () => {
    const listed = JSON.parse(readFileSync(join(SAMPLES, 'x-twitter', 'rules-get-200.json'), 'utf8')) as {
      data: { id: string; value: string; tag?: string }[];
      meta: unknown;
    };
    const posts: unknown[] = [];
    const srv = await replayServer({
      '/2/tweets/search/stream/rules': (req, res) => {
        expect(req.headers.authorization).toBe('Bearer app-token');
        res.writeHead(req.method === 'GET' ? 200 : 201, { 'Content-Type': 'application/json' });
        if (req.method === 'GET') {
          // The listed rules (set by hand, other tags) and two of ours: one kept, one stale.
          const ours = [
            { id: '901', value: 'kermis Aalst lang:nl', tag: 'trendwacht' },
            { id: '902', value: 'oude regel lang:nl', tag: 'trendwacht' },
          ];
          res.end(JSON.stringify({ ...listed, data: [...listed.data, ...ours] }));
          return;
        }
        let body = '';
        req.on('data', (c) => {
          body += c;
        });
        req.on('end', () => {
          posts.push(JSON.parse(body));
          res.end(
            JSON.stringify({ meta: { sent: 'now', summary: { created: 1, not_created: 0, valid: 1, invalid: 0 } } }),
          );
        });
      },
      '/2/tweets/search/stream': (_req, res) => {
        res.writeHead(200);
        res.write(`${line('filtered-stream-line-default-fields.json')}\r\n`);
      },
    });
    const source = xStreamSource({
      base: srv.url,
      bearer: 'app-token',
      rules: ['kermis Aalst lang:nl', '(jaarmarkt OR braderie) Gent lang:nl'],
    });
    const { got } = await collectUntil(source, (g) => g.length >= 1);
    await srv.close();
    expect(got).toHaveLength(1);
    // Only our stale rule deleted, only the missing one added; the other rules untouched.
    expect(posts).toEqual([
      { delete: { ids: ['902'] } },
      { add: [{ value: '(jaarmarkt OR braderie) Gent lang:nl', tag: 'trendwacht' }] },
    ]);
  });

  it('shows rules X rejects as rules_rejected in its health, without the rule text', async () => {
    const srv = await replayServer({
      '/2/tweets/search/stream/rules': (req, res) => {
        res.writeHead(req.method === 'GET' ? 200 : 400, { 'Content-Type': 'application/json' });
        if (req.method === 'GET') res.end(JSON.stringify({ meta: { sent: 'now' } }));
        else res.end(JSON.stringify({ meta: { summary: { created: 0, not_created: 1, valid: 0, invalid: 1 } } }));
      },
    });
    const source = xStreamSource({
      base: srv.url,
      bearer: 'app-token',
      rules: ['geheime zoekterm ('],
      backoff: { baseMs: 10, maxMs: 20 },
    });
    await collectUntil(source, () => source.health.errors >= 2);
    await srv.close();
    expect(source.health.lastError).toBe('http_400');
    expect(JSON.stringify(source.health)).not.toContain('geheime');
  });

  it('takes the whole text of a long post from note_tweet (its text field is cut at 280 characters)', async () => {
    const whole =
      'De gemeenteraad besliste gisteravond over het nieuwe mobiliteitsplan voor de binnenstad. ' +
      'Vanaf maart wordt de Kortrijksestraat autovrij tussen tien en achttien uur, de bussen rijden om via de ring ' +
      'en bewoners krijgen een vergunning voor hun eigen straat. Handelaars vrezen minder klanten, de fietsersbond ' +
      'is tevreden. Het plan wordt na zes maanden geëvalueerd met een bevraging bij alle buurtbewoners. #mobiliteit';
    const cut = `${whole.slice(0, 276)}… https://t.co/abc`;
    const long = {
      data: {
        id: '1900000000000000001',
        text: cut,
        created_at: '2026-11-20T09:00:00.000Z',
        author_id: '4242',
        lang: 'nl',
        edit_history_tweet_ids: ['1900000000000000001'],
        note_tweet: {
          text: whole,
          entities: { hashtags: [{ start: whole.length - 10, end: whole.length, tag: 'Mobiliteit' }] },
        },
      },
      matching_rules: [{ id: '7', tag: 'trendwacht' }],
    };
    const short = {
      data: {
        id: '1900000000000000002',
        text: 'Korte melding: markt verplaatst #markt',
        created_at: '2026-11-20T09:01:00.000Z',
        author_id: '4343',
        entities: { hashtags: [{ start: 32, end: 37, tag: 'markt' }] },
      },
      matching_rules: [{ id: '7', tag: 'trendwacht' }],
    };
    const srv = await replayServer({
      '/2/tweets/search/stream': (req, res) => {
        expect(new URL(req.url ?? '', 'http://x').searchParams.get('tweet.fields')?.split(',')).toContain('note_tweet');
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.write(`${JSON.stringify(long)}\r\n\r\n${JSON.stringify(short)}\r\n`);
      },
    });
    const { got } = await collectUntil(xStreamSource({ base: srv.url, bearer: 'app-token' }), (g) => g.length >= 2);
    await srv.close();
    expect(got[0]?.text).toBe(whole);
    expect(got[0]?.tags).toEqual(['trendwacht', 'mobiliteit']);
    expect(got[1]).toMatchObject({ text: 'Korte melding: markt verplaatst #markt', tags: ['trendwacht', 'markt'] });
  });

  it('asks for the missed minutes after a reconnect and after a restart (backfill_minutes); replays count once', async () => {
    const urls: string[] = [];
    const tweet = (id: string) =>
      JSON.stringify({ data: { id, text: `Melding ${id} over de Vismarkt`, created_at: '2026-11-20T09:00:00.000Z' } });
    const srv = await replayServer({
      '/2/tweets/search/stream': (req, res, n) => {
        urls.push(req.url ?? '');
        res.writeHead(200, { 'Content-Type': 'application/json' });
        if (n === 1) {
          res.write(`${tweet('11')}\r\n`);
          setTimeout(() => res.destroy(), 30);
        } else res.write(`${tweet('11')}\r\n${tweet('12')}\r\n`); // the backfill replays 11
      },
    });
    const source = xStreamSource({ base: srv.url, bearer: 't', backfill: true, backoff: { baseMs: 10, maxMs: 20 } });
    const { got, counters } = await collectUntil(source, (g) => g.length >= 2);
    expect(got.map((p) => p.id)).toEqual(['x:11', 'x:12']);
    expect(counters.duplicates).toBe(1);
    expect(urls[0]).not.toContain('backfill_minutes');
    expect(urls[1]).toContain('&backfill_minutes=1');

    // A restart three minutes after the last post taken: the first connection asks for them.
    const restarted = xStreamSource({ base: srv.url, bearer: 't', backfill: true });
    restarted.resume?.({ lastAt: String(Date.now() - 3 * 60_000 + 1000) });
    await collectUntil(restarted, (g) => g.length >= 1);
    await srv.close();
    expect(urls[2]).toContain('&backfill_minutes=3');
  });
});
