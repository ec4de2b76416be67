import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type RunningDashboard, WEB_DIST } from '@trendwacht/dashboard';
import type { SourceListing } from '@trendwacht/shared';
import { type Browser, type Page, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropRoot, testRedis, uniqueRoot } from './helpers';
import { ApiClient, TEST_PASSWORD, startTestDashboard, testUser } from './test-dashboard';

/**
 * The settings page adds the new kinds of source (issue 20 item 1) in real Chromium: a
 * Telegram channel by its t.me link, YouTube by a video link with its key's variable name,
 * Bluesky by the places to keep; the form reads links into ids, and the page passes axe.
 */
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const root = uniqueRoot();
const redis = testRedis();
let browser: Browser;
let dash: RunningDashboard;

beforeAll(async () => {
  if (!existsSync(WEB_DIST)) throw new Error('dashboard not built: run `npm run build` first (npm test does)');
  dash = await startTestDashboard(root);
  await testUser(redis, root, 'demo', 'admin');
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

async function noSeriousViolations(page: Page) {
  await page.addScriptTag({ content: AXE });
  const bad = await page.evaluate(async () => {
    const w = window as unknown as {
      axe: { run(o: unknown): Promise<{ violations: { id: string; impact: string }[] }> };
    };
    const r = await w.axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
  });
  expect(bad).toEqual([]);
}

describe('settings: new kinds of source in the browser', () => {
  it('adds a Telegram channel, YouTube comments and Bluesky places; the table shows what each reads', async () => {
    const page = await browser.newPage({ bypassCSP: true });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(dash.url);
    await page.getByLabel('Gebruikersnaam').fill('admin@demo');
    await page.getByLabel('Wachtwoord').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).waitFor();
    await page.goto(new URL('t/demo/settings/sources', dash.url).toString());
    const table = page.getByTestId('source-config');

    await page.getByLabel('Soort').selectOption('telegram');
    await page.getByLabel('Bronnaam').fill('buurt-kanalen');
    await page
      .getByLabel('Openbare kanalen (één naam of t.me-link per regel)')
      .fill('https://t.me/s/wijkraad_noord\n@buurt_oost');
    await page.getByRole('button', { name: 'Toevoegen' }).click();
    await table.getByRole('cell', { name: 't.me/wijkraad_noord, t.me/buurt_oost' }).waitFor();

    await page.getByLabel('Soort').selectOption('youtube');
    await page.getByLabel('Bronnaam').fill('raad-video');
    await page
      .getByLabel('Kanalen of video’s (één id of link per regel)')
      .fill('https://www.youtube.com/watch?v=gemRaad2026&t=42');
    await page.getByLabel('Naam van de omgevingsvariabele met het token').fill('TW_DEMO_YOUTUBE');
    await page.getByRole('button', { name: 'Toevoegen' }).click();
    await table.getByRole('cell', { name: 'gemRaad2026', exact: true }).waitFor();

    await page.getByLabel('Soort').selectOption('bluesky');
    await page.getByLabel('Bronnaam').fill('bsky-plaatsen');
    await page.getByLabel(/^Trefwoorden/).fill('Aalst\nGrote Markt\n9300');
    await page.getByRole('button', { name: 'Toevoegen' }).click();
    await table.getByRole('cell', { name: 'Aalst, Grote Markt, 9300' }).waitFor();
    await noSeriousViolations(page);
    await page.close();
    expect(errors).toEqual([]);

    const admin = await ApiClient.login(dash.url, 'admin@demo');
    const saved = (await admin.send('GET', '/api/t/demo/sources/config')).body.sources as SourceListing[];
    expect(saved.map((s) => s.source)).toEqual([
      expect.objectContaining({ id: 'buurt-kanalen', kind: 'telegram', channels: ['wijkraad_noord', 'buurt_oost'] }),
      expect.objectContaining({
        id: 'raad-video',
        kind: 'youtube',
        videos: ['gemRaad2026'],
        channels: [],
        keyEnv: 'TW_DEMO_YOUTUBE',
      }),
      expect.objectContaining({ id: 'bsky-plaatsen', kind: 'bluesky', keywords: ['Aalst', 'Grote Markt', '9300'] }),
    ]);
  });
});
