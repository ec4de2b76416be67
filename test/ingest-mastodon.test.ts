import { mastodonSource } from '@trendwacht/ingest';
import { afterAll, describe, expect, it } from 'vitest';
import { replayServer } from '../ingest/src/connectors/replay-server';
import { dropRoot, testKeys, testRedis, uniqueRoot, waitFor } from './helpers';
import { sourceRuns } from './ingest-runs';

/**
 * Issue 17 item 4 / 20 item 1: Mastodon's stream has no event ids, so the newest status id
 * seen is the checkpoint; a restarted connector fills what it missed from the REST timeline
 * (`min_id`) and counts each status once. Statuses are our own, in the documented entity shape.
 */
const root = uniqueRoot();
const keys = testKeys(root);
const redis = testRedis();
afterAll(async () => {
  await dropRoot(redis, root);
  await redis.quit();
});

const status = (n: number) => ({
  id: String(1000 + n),
  uri: `https://buurt.example/users/wijk${n % 4}/statuses/${1000 + n}`,
  url: `https://buurt.example/@wijk${n % 4}/${1000 + n}`,
  created_at: new Date(Date.UTC(2026, 10, 20, 9, n)).toISOString(),
  visibility: 'public',
  language: 'nl',
  content: `<p>Melding ${n}: de glasbol aan de Dorpsstraat is vol <a href="https://buurt.example/tags/afval" class="mention hashtag">#<span>afval</span></a></p>`,
  account: { id: String(n % 4), acct: `wijk${n % 4}`, uri: `https://buurt.example/users/wijk${n % 4}` },
  tags: [{ name: 'afval', url: 'https://buurt.example/tags/afval' }],
});
const sse = (n: number) => `event: update\ndata: ${JSON.stringify(status(n))}\n\n`;

describe('Mastodon after a restart', () => {
  it('fills the gap from the saved status id (REST min_id) and counts each status once', async () => {
    let phase = 1;
    const gapAsked: string[] = [];
    const srv = await replayServer({
      '/api/v1/streaming/hashtag': (_req, res) => {
        res.writeHead(200, { 'Content-Type': 'text/event-stream' });
        res.write(':)\n\n');
        // Before the restart statuses 1–5 stream; after it, only 11 (6–10 were posted meanwhile).
        res.write((phase === 1 ? [1, 2, 3, 4, 5] : [11]).map(sse).join(''));
      },
      '/api/v1/timelines/tag/afval': (req, res) => {
        const minId = new URL(req.url ?? '', 'http://x').searchParams.get('min_id') ?? '';
        gapAsked.push(minId);
        const newer = [6, 7, 8, 9, 10, 11].filter((n) => 1000 + n > Number(minId)).reverse();
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(newer.map(status)));
      },
    });
    const runs = sourceRuns(redis, keys, 'mastodon-afval');
    const source = () =>
      mastodonSource([{ base: srv.url, stream: 'hashtag', tag: 'afval' }], { backoff: { baseMs: 10, maxMs: 20 } });
    const key = `since:${srv.url}/api/v1/streaming/hashtag?tag=afval`;
    try {
      const first = runs.start(source());
      await runs.savedWhen((s) => s[key] === '1005', 'the newest status id saved');
      await first.stop();
      expect(gapAsked).toEqual([]); // nothing to fill on a first start

      phase = 2;
      const second = runs.start(source());
      await waitFor(() => runs.queued.length >= 11, 15_000, 'the statuses posted meanwhile');
      await new Promise((r) => setTimeout(r, 150));
      const c2 = await second.stop();
      expect(gapAsked[0]).toBe('1005');
      const ids = runs.queued.map((p) => Number(p.id.split('/').pop()) - 1000);
      expect([...ids].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
      expect(c2.duplicates).toBeGreaterThanOrEqual(1); // 11 came both from the gap fill and the stream
      expect(await runs.saved()).toMatchObject({ [key]: '1011' });
    } finally {
      await srv.close();
    }
  });
});
