import type { RunningDashboard } from '@trendwacht/dashboard';
import { type Analysis, BUCKET_MS, type Stance, bucketStart, tenantKeys } from '@trendwacht/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shownParts } from '../dashboard/server/suppression';
import { emptyDelta, fold } from '../worker/src/aggregate';
import { applyDelta } from '../worker/src/apply';
import { dropRoot, testRedis, uniqueRoot } from './helpers';
import { ApiClient, startTestDashboard, testUser } from './test-dashboard';

/**
 * Issue 22, high 2: suppressed cells must not come back by subtraction — within one answer
 * (total minus its visible parts), between an hour and its minutes, and a part must reach
 * k distinct authors of its own (six posts of one author are not "webhook: 6"). The cells
 * are written by the worker's own fold and apply script, as in production.
 */
const root = uniqueRoot();
const keys = tenantKeys(root, 'demo');
const redis = testRedis();
let dash: RunningDashboard;
let viewer: ApiClient;
const now = Date.now();
// Well inside the last hour's minutes and the last day's hours, whatever the clock says.
const at = (minutesAgo: number) => bucketStart(now, 'minute') - minutesAgo * BUCKET_MS.minute;
let seq = 0;
/** Three consecutive minutes of one hour, within the last hour: the lone author's minute is the middle one. */
const lone = (() => {
  for (let x = 40; x > 3; x--) if (bucketStart(at(x + 1), 'hour') === bucketStart(at(x - 1), 'hour')) return x;
  return 30;
})();

type Group = { theme: string; posts: number; authors: number; stance: Stance; lang: Analysis['lang']; source: string };

async function write(groups: Group[], createdAt: number) {
  const delta = emptyDelta();
  for (const g of groups) {
    for (let i = 0; i < g.posts; i++) {
      const analysis: Analysis = {
        id: `p${seq++}`,
        lang: g.lang,
        themes: [{ id: g.theme, score: 0.9, stance: g.stance }],
        hateful: false,
        hateScore: 0,
        toxicity: 0,
        sentiment: 0,
      };
      const author = `${g.theme}-${g.stance}-${g.lang}-${g.source}-${i % g.authors}`;
      fold(delta, { analysis, terms: [], createdAt, source: g.source, author }, keys);
    }
  }
  await applyDelta(redis, keys, `b${seq++}`, delta, { type: 'batch' });
}

beforeAll(async () => {
  // The probe's answer, scaled: a majority that attacks, 2 informing posts of one author in
  // English, and 6 posts of one author from the webhook.
  await write(
    [
      { theme: 'hate', posts: 30, authors: 15, stance: 'attacking', lang: 'nl', source: 'replay' },
      { theme: 'hate', posts: 2, authors: 1, stance: 'informing', lang: 'en', source: 'replay' },
      { theme: 'hate', posts: 6, authors: 1, stance: 'attacking', lang: 'nl', source: 'webhook' },
      // A theme where most parts can be shown: one small language beside two large ones.
      { theme: 'polarisation', posts: 30, authors: 15, stance: 'attacking', lang: 'nl', source: 'replay' },
      { theme: 'polarisation', posts: 20, authors: 10, stance: 'informing', lang: 'fr', source: 'replay' },
      { theme: 'polarisation', posts: 2, authors: 1, stance: 'informing', lang: 'en', source: 'replay' },
    ],
    at(20),
  );
  // An hour of `disinfo`: two busy minutes and one minute of a single author.
  for (const [minutesAgo, posts, authors, lang] of [
    [lone + 1, 20, 10, 'nl'],
    [lone, 3, 1, 'fr'],
    [lone - 1, 20, 10, 'en'],
  ] as const) {
    await write([{ theme: 'disinfo', posts, authors, stance: 'other', lang, source: 'replay' }], at(minutesAgo));
  }
  dash = await startTestDashboard(root);
  await testUser(redis, root, 'demo', 'analyst');
  viewer = await ApiClient.login(dash.url, 'analyst@demo');
});
afterAll(async () => {
  await dash.close();
  await dropRoot(redis, root);
  await redis.quit();
});

type Part = { id: string; posts: number | null };
const byId = (parts: Part[]) => Object.fromEntries(parts.map((p) => [p.id, p.posts]));
/** Every way the answer lets one subtract: total minus the visible parts of a breakdown. */
function derivable(total: number | null, parts: Part[]): number | null {
  const hidden = parts.filter((p) => p.posts === null);
  if (total === null || hidden.length !== 1) return null;
  return total - parts.reduce((n, p) => n + (p.posts ?? 0), 0);
}

describe('no suppressed value by subtraction', () => {
  it('guards each part by its own authors and suppresses a complement (the probe)', async () => {
    for (const range of ['hour', 'day']) {
      const r = await viewer.get(`/api/t/demo/themes/hate?range=${range}`);
      expect(r.status).toBe(200);
      const d = r.body as { posts: number | null; stances: Part[]; langs: Part[]; sources: Part[] };
      expect(d.posts).toBe(38);
      // Before: attacking 36 + informing null of 38 gave informing = 2; webhook showed 6 (one author).
      expect(byId(d.stances)).toEqual({ attacking: null, informing: null });
      expect(byId(d.langs)).toEqual({ nl: null, en: null });
      expect(byId(d.sources)).toEqual({ replay: null, webhook: null });
      for (const parts of [d.stances, d.langs, d.sources]) expect(derivable(d.posts, parts)).toBeNull();
    }
  });

  it('still shows what is safe: the large parts, with a second part hidden beside the small one', async () => {
    const r = await viewer.get('/api/t/demo/themes/polarisation?range=day');
    const d = r.body as { posts: number | null; stances: Part[]; langs: Part[]; tone: Record<string, number | null> };
    expect(d.posts).toBe(52);
    expect(byId(d.stances)).toEqual({ attacking: 30, informing: 22 });
    // en (2 posts, 1 author) alone would be 52 - 30 - 20: fr is hidden with it.
    expect(byId(d.langs)).toEqual({ nl: 30, fr: null, en: null });
    expect(d.langs.map((p) => p.id)).toEqual(['nl', 'en', 'fr']); // hidden ones in a fixed order, not by size
    expect(d.tone).toEqual({ neg: 0, neu: 52, pos: 0 });
    expect(derivable(d.posts, d.langs)).toBeNull();
  });

  it('an hour minus its visible minutes never gives a hidden minute; a total is its shown points', async () => {
    const day = await viewer.get('/api/t/demo/timeline?theme=disinfo&range=day');
    const hour = await viewer.get('/api/t/demo/timeline?theme=disinfo&range=hour');
    const minutes = hour.body.points as { t: number; posts: number | null }[];
    const busy = [at(lone + 1), at(lone - 1)].map((t) => minutes.find((p) => p.t === t)?.posts);
    expect(minutes.find((p) => p.t === at(lone))?.posts).toBeNull();
    // One of the two busy minutes is hidden too, so the lone author's minute is not 43 - 40.
    expect(busy.filter((p) => p === null)).toHaveLength(1);
    expect(busy.filter((p) => p === 20)).toHaveLength(1);
    const hourPoint = (day.body.points as { t: number; posts: number | null }[]).find(
      (p) => p.t === bucketStart(at(lone), 'hour'),
    );
    expect(hourPoint?.posts).toBe(43);
    const inHour = minutes.filter((p) => bucketStart(p.t, 'hour') === bucketStart(at(lone), 'hour'));
    expect(inHour.filter((p) => p.posts === null).length).not.toBe(1);
    for (const range of ['hour', 'day']) {
      const d = await viewer.get(`/api/t/demo/themes/disinfo?range=${range}`);
      const points = d.body.points as { posts: number | null }[];
      expect(d.body.posts).toBe(points.reduce((n, p) => n + (p.posts ?? 0), 0));
    }
    // The export shows the same buckets as the timeline, and no row's counts give a hidden part.
    const exp = await viewer.get('/api/t/demo/export?theme=disinfo&range=hour&format=json');
    const rows = exp.body.rows as Record<string, number | null | string | boolean>[];
    expect(rows.find((r) => r.bucket === new Date(at(lone)).toISOString())?.suppressed).toBe(true);
    expect(rows.filter((r) => r.posts === 20)).toHaveLength(1);
    for (const row of rows.filter((r) => typeof r.posts === 'number' && (r.posts as number) > 0)) {
      const langs = ['nl', 'fr', 'en', 'other'].map((l) => ({ id: l, posts: row[`lang_${l}`] as number | null }));
      expect(derivable(row.posts as number, langs)).toBeNull();
    }
  });
});

describe('shownParts', () => {
  it('hides parts under k authors, then the smallest shown until the hidden side is safe', () => {
    const k = 5;
    const whole = { raw: 190, authors: 50 };
    expect(
      shownParts(
        whole,
        [
          { id: 'attacking', raw: 188, authors: 49 },
          { id: 'informing', raw: 2, authors: 1 },
        ],
        k,
      ),
    ).toEqual(new Set());
    const langs = [
      { id: 'nl', raw: 40, authors: 30 },
      { id: 'fr', raw: 10, authors: 8 },
      { id: 'en', raw: 4, authors: 2 },
    ];
    expect(shownParts({ raw: 54, authors: 40 }, langs, k)).toEqual(new Set(['nl']));
    // Nothing hidden: everything shown. A total under k: nothing shown.
    expect(shownParts({ raw: 50, authors: 38 }, langs.slice(0, 2), k)).toEqual(new Set(['nl', 'fr']));
    expect(shownParts({ raw: 54, authors: 4 }, langs, k)).toEqual(new Set());
    // A part of many posts but one author is hidden (the webhook's 6 posts of one author).
    expect(
      shownParts(
        { raw: 20, authors: 11 },
        [
          { id: 'webhook', raw: 6, authors: 1 },
          { id: 'replay', raw: 14, authors: 10 },
        ],
        k,
      ),
    ).toEqual(new Set());
    // The rest of a total no part names (posts without a target) counts as hidden.
    expect(shownParts({ raw: 60, authors: 30 }, [{ id: 'muslims', raw: 20, authors: 10 }], k)).toEqual(
      new Set(['muslims']),
    );
  });
});
