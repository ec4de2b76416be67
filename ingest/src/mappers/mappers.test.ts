import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REJECT_REASONS } from '@trendwacht/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalisePostInput } from '../post-input';
import { SAMPLES } from '../samples';
import { SseParser } from '../transport/sse';
import {
  type Mapped,
  feedDocument,
  jetstreamEvent,
  mapMastodonEvent,
  mapMastodonFrame,
  redditListing,
  repairTelegramJson,
  safeMap,
  telegramExport,
  xStreamLine,
} from './index';
import { tallyMapped } from './tally';

const sample = (dir: string, file: string) => readFileSync(join(SAMPLES, dir, file), 'utf8');
/** Every mapped post passes the ingest edge (posts with only media have no text: rejected there as such). */
const edgeOk = (ms: Mapped[]) =>
  ms.every((m) => {
    if (!m.ok) return true;
    const r = normalisePostInput(m.post, 'x', Date.now());
    return r.ok || r.reason === 'text_empty';
  });

describe('mappers on the wire formats (ingest/payloads)', () => {
  it('Mastodon: a user stream — updates, an edit, a direct message, notifications, a delete', () => {
    const msgs = new SseParser().push(`${sample('mastodon', 'sse-user-stream-recording.txt')}\n`);
    expect(msgs.filter((m) => 'comment' in m).length).toBeGreaterThanOrEqual(1);
    const mapped = msgs.flatMap((m) => ('event' in m ? mapMastodonEvent(m.event, m.data) : []));
    expect(tallyMapped(mapped)).toEqual({ post: 2, not_public: 1, not_a_post: 2, deleted: 1 });
    const first = mapped.find((m) => m.ok);
    expect(first?.ok && first.post).toMatchObject({
      id: expect.stringMatching(/^http:\/\/localhost:3000\/ap\/users\/.*\/statuses\//),
      text: 'De markt begint om acht uur.',
      authorKey: expect.stringMatching(/^http/),
    });
    expect(edgeOk(mapped)).toBe(true);
  });

  it('Mastodon: the documented SSE and WebSocket examples (JSON inside a JSON string), HTML to text', () => {
    for (const f of ['sse-public-update.txt', 'sse-hashtag-update.txt', 'sse-status-update-edit-with-tags.txt']) {
      const [m] = new SseParser().push(`${sample('mastodon', f)}\n\n`);
      if (!m || !('event' in m)) throw new Error(`no event in ${f}`);
      const [r] = mapMastodonEvent(m.event, m.data);
      expect(r?.ok).toBe(true);
      if (r?.ok) expect(r.post.text).not.toMatch(/<\/?[a-z]+[ >]/);
    }
    const edit = new SseParser().push(`${sample('mastodon', 'sse-status-update-edit-with-tags.txt')}\n\n`)[0];
    const [e] = edit && 'event' in edit ? mapMastodonEvent(edit.event, edit.data) : [];
    expect(e?.ok && e.post.tags).toEqual(['jaarmarkt', 'vrijwilligers']);
    const [ws] = mapMastodonFrame(sample('mastodon', 'ws-public-update.json'));
    expect(ws?.ok && ws.post.text).toContain('fietsenstalling');
    expect(mapMastodonFrame(sample('mastodon', 'ws-delete.json'))).toEqual([
      { ok: false, reason: 'deleted', detail: 'status deleted' },
    ]);
  });

  it('Bluesky Jetstream: posts from creates, deletes as tombstones, likes and identity events are not posts', () => {
    const events = sample('bluesky-jetstream', 'jetstream-posts-and-identity-account-events.jsonl')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as unknown);
    const mapped = events.flatMap((e) => safeMap(jetstreamEvent, e));
    const t = tallyMapped(mapped);
    expect(t.post).toBeGreaterThan(5);
    expect(t.not_a_post).toBeGreaterThanOrEqual(2);
    expect(t.deleted).toBe(1);
    expect(t.unmappable).toBeUndefined();
    const p = mapped.find((m) => m.ok);
    expect(p?.ok && p.post).toMatchObject({
      id: expect.stringMatching(/^at:\/\/did:/),
      authorKey: expect.stringMatching(/^did:/),
    });
    expect(edgeOk(mapped)).toBe(true);
  });

  it('Telegram exports: text as string or entities, date_unixtime, service messages skipped, \\xHH repaired', () => {
    const group = safeMap(telegramExport, JSON.parse(sample('telegram', 'desktop-export-private-group.json')));
    expect(tallyMapped(group).post).toBeGreaterThan(0);
    expect(tallyMapped(group).not_a_post).toBeGreaterThan(0);
    const complex = safeMap(
      telegramExport,
      JSON.parse(sample('telegram', 'desktop-export-channel-entities-text.json')),
    );
    expect(complex[0]?.ok && complex[0].post).toMatchObject({
      id: '2045117733:57',
      text: '✈Рейс затримано на дві години',
      createdAt: 1764415800000,
      authorKey: 'channel2045117733',
    });
    const broken =
      '{"id":1,"messages":[{"id":5,"type":"message","date_unixtime":"1700000000","text":"caf\\xe9 open"}]}';
    expect(() => JSON.parse(broken)).toThrow();
    const fixed = safeMap(telegramExport, JSON.parse(repairTelegramJson(broken)));
    expect(fixed[0]?.ok && fixed[0].post.text).toBe('café open');
    expect(edgeOk([...group, ...complex])).toBe(true);
  });

  it('Reddit listings: links and comments with their fullnames; removed and deleted ones are no posts', () => {
    const mapped = safeMap(redditListing, JSON.parse(sample('reddit', 'listing-new-4-links.json')));
    expect(tallyMapped(mapped)).toEqual({ post: 4 });
    expect(mapped.every((m) => m.ok && m.post.id.toString().startsWith('t3_'))).toBe(true);
    const comments = safeMap(redditListing, JSON.parse(sample('reddit', 'listing-comment-t1.json')));
    expect(comments[0]?.ok && String(comments[0].post.id)).toMatch(/^t1_/);
    expect(edgeOk([...mapped, ...comments])).toBe(true);
    const gone = safeMap(redditListing, JSON.parse(sample('reddit', 'listing-removed-and-deleted.json')));
    expect(gone.map((m) => (m.ok ? 'post' : m.reason))).toEqual(['deleted', 'deleted', 'post']);
  });

  it('RSS 2.0, RSS 1.0 and Atom feeds', () => {
    const files = readdirSync(join(SAMPLES, 'rss-atom')).filter((f) => /\.(rss|xml|atom)$/.test(f));
    expect(files.length).toBeGreaterThanOrEqual(6);
    for (const f of files) {
      const mapped = safeMap(feedDocument, sample('rss-atom', f));
      expect(tallyMapped(mapped), f).toMatchObject({ post: expect.any(Number) });
      expect(tallyMapped(mapped).unmappable ?? 0, f).toBe(0);
      for (const m of mapped) if (m.ok) expect(m.post.text, f).not.toMatch(/<\/?(p|a|br|div)[ >/]/);
      expect(edgeOk(mapped), f).toBe(true);
    }
  });

  it('X filtered stream lines, with and without tweet fields, a long post; error bodies are not posts', () => {
    const line = (f: string) => JSON.stringify(JSON.parse(sample('x-twitter', f)));
    const [q] = safeMap(xStreamLine, line('filtered-stream-event.json'));
    expect(q?.ok && q.post).toMatchObject({
      id: '1861000000000000001',
      authorKey: '1450000000000000001',
      tags: ['evenementen stad'],
    });
    const [g] = safeMap(xStreamLine, line('filtered-stream-line-default-fields.json'));
    expect(g?.ok && g.post.text).toContain('kerstmarkt');
    const [n] = safeMap(xStreamLine, line('filtered-stream-long-post-note-tweet.json'));
    expect(n?.ok && n.post.text.length).toBeGreaterThan(280);
    expect(n?.ok && n.post.tags).toEqual(['gemeenteraad']);
    const [e] = safeMap(xStreamLine, line('filtered-stream-429-too-many-connections.json'));
    expect(e?.ok).toBe(false);
    expect(safeMap(xStreamLine, line('tweet-lookup-deleted.json'))).toMatchObject([
      { ok: false, reason: 'not_a_post' },
    ]);
  });
});

describe('mappers under fuzzing (fast-check)', () => {
  const reasons = new Set<string>(REJECT_REASONS);
  const valid = (ms: Mapped[]) =>
    Array.isArray(ms) && ms.every((m) => (m.ok ? typeof m.post.text === 'string' : reasons.has(m.reason)));
  const truncations = (text: string) => fc.nat({ max: text.length }).map((n) => text.slice(0, n));

  it('never throw on random values, random JSON or truncated payloads; every reject has a known reason', () => {
    const objects = [jetstreamEvent, telegramExport, redditListing] as const;
    fc.assert(
      fc.property(fc.anything(), (v) => objects.every((m) => valid(safeMap(m, v)))),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.jsonValue(), (v) => objects.every((m) => valid(safeMap(m, v)))),
      { numRuns: 300 },
    );
    const texts = [
      sample('mastodon', 'ws-public-update.json'),
      sample('x-twitter', 'filtered-stream-event.json'),
      sample('rss-atom', 'city-news-rss2.xml'),
      sample('rss-atom', 'digital-city-blog.atom'),
    ];
    for (const t of texts) {
      fc.assert(
        fc.property(truncations(t), (cut) =>
          [mapMastodonFrame(cut), safeMap(xStreamLine, cut), safeMap(feedDocument, cut)].every(valid),
        ),
        { numRuns: 100 },
      );
    }
    fc.assert(
      fc.property(fc.string(), fc.string(), (ev, data) => valid(mapMastodonEvent(ev, data))),
      { numRuns: 300 },
    );
    // Mapped posts that reach the edge are accepted or rejected there, never thrown.
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        for (const m of safeMap(jetstreamEvent, { kind: 'commit', did: 'did:x', commit: v })) {
          if (m.ok) normalisePostInput(m.post, 'x', Date.now());
        }
        return true;
      }),
      { numRuns: 200 },
    );
  });
});
