import { existsSync } from 'node:fs';
import { type RunningDashboard, WEB_DIST } from '@trendwacht/dashboard';
import type { Alert } from '@trendwacht/shared';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropRoot, testKeys, testRedis, uniqueRoot } from './helpers';
import { sampleAlert, seedAlert } from './seed';
import { TEST_PASSWORD, startTestDashboard, testUser } from './test-dashboard';

const root = uniqueRoot();
const keys = testKeys(root);
const redis = testRedis();
let browser: Browser;
let dash: RunningDashboard;

/** English words that must not appear in a Dutch or French receipt (the old leaks among them). */
const ENGLISH =
  /\b(same|hour|weeks|days|trailing|share|posts|observed|expected|baseline|rhythm|the|and|story|seen|authors)\b/i;

const start = Date.parse('2026-11-24T18:00:00Z');
const chart = Array.from({ length: 12 }, (_, i) => ({
  t: start + i * 600_000,
  observed: i < 3 ? null : i < 10 ? 4 + (i % 2) : 40 + i,
  expected: 4.5,
  low: 1,
  high: 10,
}));
const ALERT: Alert = sampleAlert('al-receipt-1', {
  kind: 'term',
  key: 'vechtpartij',
  theme: 'all',
  windowStart: start + 110 * 60_000,
  windowEnd: start + 120 * 60_000,
  detectedAt: start + 120 * 60_000,
  updatedAt: start + 120 * 60_000,
  baseline: { method: 'recent', weeks: 0, days: 0, dispersion: 3 },
  terms: [
    { term: 'kermis', count: 60 },
    { term: 'aalst', count: 44 },
  ],
  chart,
  timeZone: 'Europe/Brussels',
  story: {
    title: 'kermis aalst',
    terms: ['vechtpartij', 'kermis', 'aalst'],
    themes: ['polarisation', 'local'],
    targets: [],
    narratives: [],
    langs: ['nl'],
    members: [{ kind: 'term', key: 'vechtpartij', theme: 'all' }],
    linkedTo: null,
    reopened: 0,
  },
});

/** An older alert saved before the tenant's zone was set (London): the list shows it in Brussels time. */
const OLDER: Alert = sampleAlert('al-receipt-0', {
  kind: 'term',
  key: 'wateroverlast',
  theme: 'all',
  windowStart: start + 50 * 60_000,
  windowEnd: start + 60 * 60_000,
  detectedAt: start + 60 * 60_000,
  updatedAt: start + 60 * 60_000,
  timeZone: 'Europe/London',
});

beforeAll(async () => {
  if (!existsSync(WEB_DIST)) throw new Error('dashboard not built: run `npm run build` first (npm test does)');
  await testUser(redis, root, 'demo', 'crisis');
  await seedAlert(redis, keys, ALERT);
  await seedAlert(redis, keys, OLDER);
  dash = await startTestDashboard(root);
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
});
afterAll(async () => {
  await browser?.close();
  await dash?.close();
  await dropRoot(redis, root);
  await redis.quit();
});

describe('the alert list', () => {
  it("shows every time in one zone, the tenant's (the newest alert carries it), and names it", async () => {
    const page = await browser.newPage();
    await page.goto(dash.url);
    await page.getByLabel('Gebruikersnaam').fill('crisis@demo');
    await page.getByLabel('Wachtwoord').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).waitFor();
    await page.evaluate(() => localStorage.setItem('trendwacht.lang', 'nl'));
    await page.goto(new URL('t/demo/alerts', dash.url).toString());
    await expect.poll(() => page.getByTestId('alert').count()).toBe(2);
    const text = await page.locator('main').innerText();
    expect(await page.getByTestId('alert-zone').innerText()).toContain('Midden-Europese');
    // The older alert's window ends at 19:00 UTC: 20:00 in Brussels, never London's 19:00.
    expect(text).toContain('20:00');
    expect(text).toContain('21:00');
    expect(text).not.toContain('19:00');
    await page.close();
  }, 60_000);
});

describe('the receipt of an alert', () => {
  for (const [lang, heading, zone] of [
    ['nl', 'Verantwoording', 'Midden-Europese'],
    ['fr', 'Justification', 'Europe centrale'],
  ] as const) {
    it(`reads in ${lang} only: the story, the chart with its table, one time zone`, async () => {
      const page = await browser.newPage();
      await page.goto(dash.url);
      await page.getByLabel('Gebruikersnaam').fill('crisis@demo');
      await page.getByLabel('Wachtwoord').fill(TEST_PASSWORD);
      await page.getByRole('button', { name: 'Aanmelden' }).click();
      await page.getByRole('navigation', { name: 'Hoofdmenu' }).waitFor();
      await page.evaluate((l) => localStorage.setItem('trendwacht.lang', l), lang);
      await page.goto(new URL(`t/demo/alerts/${ALERT.id}`, dash.url).toString());
      await page.getByRole('heading', { name: heading }).waitFor();
      const main = page.locator('main');
      await page.getByTestId('spike-chart').waitFor();
      const text = (await main.innerText()).replace(/kermis aalst|vechtpartij|kermis|aalst/g, '');
      expect(text).toContain(zone);
      expect(text).not.toMatch(ENGLISH);
      // Times in the tenant's zone (Brussels, UTC+1 in November), never the UTC hour.
      expect(text).toContain('20:50');
      expect(text).toContain('21:00');
      expect(text).not.toContain('19:50');
      // The title and words of the story are there.
      expect(await main.innerText()).toContain('kermis aalst');
      // The table alternative has every point, hidden ones said so.
      await page.locator('details summary').first().click();
      await expect.poll(() => page.locator('figure.spike tbody tr').count()).toBe(12);
      await page.close();
    }, 60_000);
  }
});
