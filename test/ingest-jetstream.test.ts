import { jetstreamSource } from '@trendwacht/ingest';
import { afterAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { dropRoot, testKeys, testRedis, uniqueRoot, waitFor } from './helpers';
import { sourceRuns } from './ingest-runs';

/**
 * Issue 20 item 1: Bluesky through Jetstream, asked for post records only
 * (`wantedCollections`), filtered at the edge on the tenant's places, resumed after a
 * restart from the saved `cursor` (time_us) — nothing lost, nothing queued twice. The
 * events are our own, in Jetstream v1's documented shape.
 */
const root = uniqueRoot();
const keys = testKeys(root);
const redis = testRedis();
afterAll(async () => {
  await dropRoot(redis, root);
  await redis.quit();
});

const T0 = 1_764_000_000_000_000; // µs
const PLACES = ['Mechelen', 'Nekkerspoel', '2800', 'Grote Markt'];
const TEXTS = [
  'Wegenwerken aan de Nekkerspoel-brug duren nog tot vrijdag',
  'Mooi concert gisteren in Antwerpen',
  'Wie weet waarom de Grote Markt vandaag afgesloten is?',
  'Nieuwe bakker geopend in 2800, aanrader',
  'Het regent weer overal in Vlaanderen',
  'Fietsstraat in MECHELEN eindelijk klaar',
  'Quel temps à Liège aujourd’hui',
];
type Event = { time_us: number; line: string; postId: string | null; local: boolean };

/** 90 events: post creates (some naming Mechelen), deletes, likes, identity and account events. */
const events: Event[] = Array.from({ length: 90 }, (_, i) => {
  const time_us = T0 + i * 1_000_000;
  const did = `did:plc:buur${i % 13}`;
  if (i % 15 === 7)
    return {
      time_us,
      postId: null,
      local: false,
      line: JSON.stringify({
        did,
        time_us,
        kind: 'identity',
        identity: { did, handle: `buur${i}.bsky.social`, seq: i, time: new Date(time_us / 1000).toISOString() },
      }),
    };
  if (i % 15 === 11)
    return {
      time_us,
      postId: null,
      local: false,
      line: JSON.stringify({
        did,
        time_us,
        kind: 'account',
        account: { active: true, did, seq: i, time: new Date(time_us / 1000).toISOString() },
      }),
    };
  if (i % 15 === 13)
    return {
      time_us,
      postId: null,
      local: false,
      line: JSON.stringify({
        did,
        time_us,
        kind: 'commit',
        commit: { rev: `r${i}`, operation: 'delete', collection: 'app.bsky.feed.post', rkey: `k${i - 1}` },
      }),
    };
  if (i % 15 === 3)
    return {
      time_us,
      postId: null,
      local: false,
      line: JSON.stringify({
        did,
        time_us,
        kind: 'commit',
        commit: {
          rev: `r${i}`,
          operation: 'create',
          collection: 'app.bsky.feed.like',
          rkey: `l${i}`,
          record: {
            $type: 'app.bsky.feed.like',
            createdAt: new Date(time_us / 1000).toISOString(),
            subject: { cid: 'bafy', uri: `at://${did}/app.bsky.feed.post/k1` },
          },
          cid: 'bafy',
        },
      }),
    };
  const text = TEXTS[i % TEXTS.length] as string;
  const tagged = i % 10 === 0; // a hashtag alone also counts
  const record = {
    $type: 'app.bsky.feed.post',
    createdAt: new Date(time_us / 1000).toISOString(),
    langs: ['nl'],
    text: tagged ? `Zondagsmarkt ${i} #mechelen` : `${text} (${i})`,
    ...(tagged
      ? {
          facets: [
            {
              index: { byteStart: 16, byteEnd: 25 },
              features: [{ $type: 'app.bsky.richtext.facet#tag', tag: 'mechelen' }],
            },
          ],
        }
      : {}),
  };
  const local = tagged || /Nekkerspoel|Grote Markt|2800|MECHELEN/.test(record.text);
  return {
    time_us,
    postId: `bluesky:at://${did}/app.bsky.feed.post/k${i}`,
    local,
    line: JSON.stringify({
      did,
      time_us,
      kind: 'commit',
      commit: {
        rev: `r${i}`,
        operation: 'create',
        collection: 'app.bsky.feed.post',
        rkey: `k${i}`,
        record,
        cid: `bafy${i}`,
      },
    }),
  };
});

describe('Bluesky Jetstream: wanted collections, an edge filter on places, a saved cursor', () => {
  it('resumes after a restart from the saved time_us (rewound a few seconds): every local post queued once', async () => {
    const asked: { collections: string[]; cursor: string | null }[] = [];
    let available = 45; // the stream so far; more arrives while the connector is down
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    wss.on('connection', (ws, req) => {
      const u = new URL(req.url ?? '', 'http://x');
      const collections = u.searchParams.getAll('wantedCollections');
      const cursor = u.searchParams.get('cursor');
      asked.push({ collections, cursor });
      // The server sends only the wanted collections; identity and account events always.
      const wanted = (e: Event) => {
        const c = (JSON.parse(e.line) as { commit?: { collection: string } }).commit?.collection;
        return !c || collections.includes(c);
      };
      for (const e of events.slice(0, available)) {
        if ((cursor === null || e.time_us >= Number(cursor)) && wanted(e)) ws.send(e.line);
      }
    });
    await new Promise((r) => wss.once('listening', r));
    const addr = wss.address();
    const url = `ws://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    const runs = sourceRuns(redis, keys, 'bsky-mechelen');
    const source = () =>
      jetstreamSource({ url, keywords: PLACES, checkpointMs: 0, backoff: { baseMs: 20, maxMs: 50 } });
    try {
      const first = runs.start(source());
      const lastOfFirst = events[44] as Event;
      await runs.savedWhen((s) => s.cursor === String(lastOfFirst.time_us), 'the cursor of the first run');
      const c1 = await first.stop();
      expect(asked[0]).toEqual({ collections: ['app.bsky.feed.post'], cursor: null });
      expect(c1.filtered).toBeGreaterThan(0);
      expect(c1.rejected.not_a_post).toBeGreaterThan(0); // identity and account events

      available = events.length;
      const second = runs.start(source());
      const local = events.filter((e) => e.local).map((e) => e.postId);
      await waitFor(() => runs.queued.length >= local.length, 15_000, 'every local post');
      await new Promise((r) => setTimeout(r, 200));
      const c2 = await second.stop();
      // Resumed 5 s before the highest time_us taken: the overlap is dropped as already queued.
      expect(asked[1]?.cursor).toBe(String(lastOfFirst.time_us - 5_000_000));
      expect(c2.duplicates).toBeGreaterThan(0);
      expect(runs.queued.map((p) => p.id).sort()).toEqual([...local].sort());
      // Only places the tenant listed came through: nothing from Antwerpen, Liège or all of Flanders.
      for (const p of runs.queued) expect(p.text).toMatch(/Nekkerspoel|Grote Markt|2800|MECHELEN|#mechelen/);
      expect(c1.filtered + c2.filtered).toBeGreaterThanOrEqual(events.filter((e) => e.postId && !e.local).length);
    } finally {
      wss.close();
    }
  });
});
