import { trendScenario } from '@trendwacht/fixtures';
import { ALL, type Alert, AlertSchema, type Analysis, alertEvent } from '@trendwacht/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subKAlert } from '../cli/privacy/salts-alerts';
import { BIN } from '../cli/processes';
import { replayLines } from '../cli/trend-replay';
import type { RunningDashboard } from '../dashboard/server/index';
import { emptyDelta, fold } from '../worker/src/aggregate';
import { applyDelta } from '../worker/src/apply';
import { testVocabulary } from '../worker/src/vocabulary.test-helpers';
import { dropRoot, redisUrl, runCliAsync, testKeys, testRedis, uniqueRoot } from './helpers';
import { sampleAlert, seedAlert, seedNarrative } from './seed';
import { ApiClient, startTestDashboard, testUser } from './test-dashboard';

const redis = testRedis();
afterAll(() => redis.quit());
const NO_THEMES: Analysis = {
  id: 'p',
  lang: 'nl',
  themes: [],
  hateful: false,
  hateScore: 0,
  toxicity: 0,
  sentiment: 0.5,
};

describe('trend replay in event time', () => {
  it('detects a new term within 15 minutes of its onset, with a receipt from aggregates only, and cleans up', async () => {
    const s = trendScenario('term', { days: 3, postsPerDay: 1500, burstPosts: 90, burstMinutes: 40 });
    const before = await redis.dbsize();
    const r = await replayLines(
      s.posts.map((p) => JSON.stringify(p)),
      { redisUrl: redisUrl() },
      {},
    );
    expect(r.rejected).toBe(0);
    const burst = s.bursts[0] as (typeof s.bursts)[number];
    const opened = r.alerts.filter((a) => alertEvent(a) === 'open');
    // One story: the term leads it or is one of its words.
    const story = r.alerts.find((a) => a.key === burst.key || a.story?.members.some((m) => m.key === burst.key));
    const hit = opened.find((a) => a.id === story?.id);
    expect(hit, 'the injected term raised an alert').toBeDefined();
    const delay = ((hit as Alert).detectedAt - burst.onset) / 60_000;
    expect(delay).toBeGreaterThanOrEqual(0);
    expect(delay).toBeLessThanOrEqual(15);
    expect(AlertSchema.parse(hit)).toBeTruthy();
    expect(hit?.distinctAuthors).toBeGreaterThanOrEqual(5);
    // No receipt names fewer than k authors (what privacy-audit checks on stored alerts).
    for (const a of r.alerts) expect(subKAlert(JSON.stringify(a), 5), a.id).toBe(false);
    expect(hit?.versions.detector).toMatch(/^d/);
    // The episode closed once the burst calmed.
    expect(r.alerts.some((a) => a.id === hit?.id && a.status === 'closed')).toBe(true);
    // No post text in any receipt: terms are single words or pairs.
    const texts = new Set(s.posts.map((p) => p.text));
    for (const a of r.alerts) for (const t of a.terms) expect(texts.has(t.term)).toBe(false);
    for (const a of r.alerts) expect(texts.has(a.story?.title ?? '')).toBe(false);
    // The private prefix is gone.
    expect(await redis.dbsize()).toBe(before);
  }, 300_000);

  it('`trendwacht replay` reads every line of stdin, also while it starts its own Redis', async () => {
    const start = Date.parse('2026-11-20T08:00:00Z');
    const places = ['Gent', 'Aalst', 'Hasselt', 'Leuven', 'Brugge'];
    const lines = Array.from({ length: 10_000 }, (_, i) =>
      JSON.stringify({
        id: i,
        text: `Markt in ${places[i % places.length]} was druk vandaag, bericht ${i % 37}`,
        createdAt: new Date(start + i * 600).toISOString(),
        authorKey: `u${i % 400}`,
      }),
    );
    const env = { ...process.env };
    env.REDIS_URL = undefined;
    const out = await runCliAsync(BIN, ['replay'], { input: `${lines.join('\n')}\n`, env, timeout: 90_000 });
    expect(out.status).toBe(0);
    expect(out.stderr).toContain('replayed 10000 posts (0 rejected');
  }, 120_000);

  it('`trendwacht replay` writes JSON only on stdout and names bad lines on stderr', async () => {
    const good = JSON.stringify({ id: 1, text: 'Mooi weer in Gent vandaag', createdAt: '2026-11-20T10:00:00Z' });
    const out = await runCliAsync(BIN, ['replay'], {
      input: `${good}\nnot json\n${JSON.stringify({ id: 2, text: 'x' })}\n`,
      env: { ...process.env, REDIS_URL: redisUrl() },
      timeout: 60_000,
    });
    expect(out.status).toBe(0);
    for (const line of out.stdout.split('\n').filter(Boolean)) expect(() => JSON.parse(line)).not.toThrow();
    expect(out.stderr).toContain('line 2: invalid_json');
    expect(out.stderr).toContain('line 3: invalid_shape: createdAt');
  });
});

describe('phrases in the hourly term lists', () => {
  it("keeps a phrase's uses before its k-th author in a busy hour (most terms are still pending)", async () => {
    const r = uniqueRoot();
    const k = testKeys(r);
    const at = Date.now() - 5 * 60_000;
    const hour = Math.floor(at / 3_600_000) * 3_600_000;
    const vocabulary = testVocabulary(3, at);
    const batch = (uses: [string, string][]) => {
      const d = emptyDelta(vocabulary);
      for (const [term, author] of uses)
        fold(d, { analysis: NO_THEMES, terms: [term], createdAt: at, source: 'x', author }, k);
      return d;
    };
    // An early use of a phrase, then (cap 2 a list) six words used twice each: before
    // issue 18 the pending list was cut at the cap and the phrase's early use was lost.
    await applyDelta(redis, k, 'p-1', batch([['brand sporthal', 'a1']]), {}, { termsPerHour: 2 });
    const words = ['tegel', 'kraan', 'fiets', 'zolder', 'kelder', 'vijver'];
    const twice = words.flatMap((w, i): [string, string][] => [
      [w, `b${i}`],
      [w, `c${i}`],
    ]);
    await applyDelta(redis, k, 'p-2', batch(twice), {}, { termsPerHour: 2 });
    // Its second and third authors promote it with every use of the hour.
    const later: [string, string][] = [
      ['brand sporthal', 'a2'],
      ['brand sporthal', 'a3'],
    ];
    await applyDelta(redis, k, 'p-3', batch(later), {}, { termsPerHour: 2 });
    expect(await redis.zscore(k.terms(ALL, hour), 'brand sporthal')).toBe('3');
    expect(await redis.pfcount(`${k.termAuthorsPrefix(ALL, hour)}brand sporthal`)).toBe(3);
    await dropRoot(redis, r);
  });
});

describe('trends API', () => {
  const root = uniqueRoot();
  const keys = testKeys(root);
  let dash: RunningDashboard;
  const alert: Alert = sampleAlert('al-0123456789abcdef');

  beforeAll(async () => {
    await seedAlert(redis, keys, alert);
    await seedNarrative(redis, keys, 'big', 12);
    await seedNarrative(redis, keys, 'small', 3); // below k = 5
    dash = await startTestDashboard(root);
  });
  afterAll(async () => {
    await dash.close();
    await dropRoot(redis, root);
  });
  const get = async (path: string) => {
    const viewer = await ApiClient.login(dash.url, (await testUser(redis, root, 'demo', 'viewer')).username);
    const r = await viewer.get(path.replace(/^\/api\//, '/api/t/demo/'));
    return { status: r.status, body: r.body };
  };

  it('lists alerts with their receipts, and one alert by id', async () => {
    const list = await get('/api/alerts?status=open');
    expect(list.status).toBe(200);
    expect(list.body.alerts).toEqual([alert]);
    expect((await get(`/api/alerts/${alert.id}`)).body).toEqual(alert);
    expect((await get('/api/alerts/al-unknown')).status).toBe(404);
    expect((await get('/api/alerts?status=bogus')).status).toBe(400);
  });

  it('shows only narratives carried by k distinct authors, with perspectives and response guidance', async () => {
    const list = await get('/api/narratives?theme=conspiracy');
    expect((list.body.narratives as { id: string }[]).map((n) => n.id)).toEqual(['big']);
    expect((await get('/api/narratives/small')).status).toBe(404);
    const one = await get('/api/narratives/big');
    expect(one.status).toBe(200);
    const perspectives = one.body.perspectives as { perspective: string; posts: number | null; share: number | null }[];
    expect(perspectives.find((p) => p.perspective === 'pushing')).toMatchObject({ posts: 12, share: 0.5 });
    expect(perspectives.find((p) => p.perspective === 'countering')).toMatchObject({ posts: 12, share: 0.5 });
    const guidance = one.body.guidance as { partners: { name: string }[] };
    expect(guidance.partners.map((p) => p.name)).toContain('Ceapire');
    expect((await get('/api/narratives?theme=nope')).status).toBe(400);
  });
});
