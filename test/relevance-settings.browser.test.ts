import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type RunningDashboard, WEB_DIST } from '@trendwacht/dashboard';
import { readSettings } from '@trendwacht/shared/node';
import { type Browser, type Page, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropRoot, testKeys, testRedis, uniqueRoot } from './helpers';
import { TEST_PASSWORD, startTestDashboard, testUser } from './test-dashboard';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const root = uniqueRoot();
const keys = testKeys(root);
const redis = testRedis();
let browser: Browser;
let dash: RunningDashboard;

beforeAll(async () => {
  if (!existsSync(WEB_DIST)) throw new Error('dashboard not built: run `npm run build` first (npm test does)');
  await testUser(redis, root, 'demo', 'admin');
  // What a worker with a gazetteer leaves in the tenant's counters.
  await redis.hset(keys.stats, 'posts', 1234, 'drop:irrelevant', 567);
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

async function signIn(role: string): Promise<Page> {
  const page = await browser.newPage({ bypassCSP: true });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('close', () => expect(errors).toEqual([]));
  await page.goto(dash.url);
  await page.evaluate(() => localStorage.setItem('trendwacht.lang', 'nl'));
  await page.getByLabel('Gebruikersnaam').fill(`${role}@demo`);
  await page.getByLabel('Wachtwoord').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).waitFor();
  await page.goto(new URL('t/demo/settings/general', dash.url).toString());
  await page.getByRole('heading', { name: 'Lokale relevantie' }).waitFor();
  return page;
}

async function seriousA11y(page: Page) {
  await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    const w = window as unknown as {
      axe: { run(c: unknown, o: unknown): Promise<{ violations: { id: string; impact: string }[] }> };
    };
    const r = await w.axe.run(document.querySelector('[data-testid="gazetteer"]'), {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

describe('local relevance on the settings page', () => {
  it('admin: sees the filter off, imports a CSV (a bad line named), saves; the worker reads it from settings', async () => {
    const page = await signIn('admin');
    const status = page.getByTestId('relevance-status');
    await expect.poll(() => status.innerText()).toContain('Uit');
    // What the filter did: counted posts and posts not about the town.
    await expect.poll(() => status.innerText()).toMatch(/1\.234 berichten geteld, 567 niet over de gemeente/);
    await page.getByLabel(/Naam van de gemeente/).fill('Geel\nGheel');
    const csv = [
      'kind,name',
      'deelgemeente,Ten Aard',
      'postcode,2440',
      'postcode,244',
      '#geel,hashtag',
      'official,Ilse Testpersoon',
    ];
    await page.getByLabel('CSV-bestand').setInputFiles({
      name: 'geel.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv.join('\n')),
    });
    const report = page.getByTestId('gazetteer-import');
    await expect.poll(() => report.innerText()).toContain('5 regels gelezen, 2 met een fout.');
    expect(await report.innerText()).toMatch(/Regel 4: a postcode is four digits/);
    expect(await page.getByLabel(/Deelgemeenten/).inputValue()).toBe('Ten Aard');
    expect(await seriousA11y(page)).toEqual([]);
    await page.getByTestId('gazetteer').getByRole('button', { name: 'Opslaan' }).click();
    await expect.poll(() => status.innerText()).toContain('Aan: 4 namen');
    const saved = await readSettings(redis, keys);
    expect(saved.gazetteer).toMatchObject({
      municipality: ['Geel', 'Gheel'],
      deelgemeente: ['Ten Aard'],
      postcode: ['2440'],
    });
    expect(saved.officials).toEqual(['ilse testpersoon']);
    await page.close();
  }, 60_000);

  it('a name the schema refuses is said, and nothing is saved', async () => {
    const page = await signIn('admin');
    await page.getByLabel(/Postcodes/).fill('2440\nabcd');
    await page.getByTestId('gazetteer').getByRole('button', { name: 'Opslaan' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /four digits/ })
      .waitFor();
    expect((await readSettings(redis, keys)).gazetteer.postcode).toEqual(['2440']);
    await page.close();
  }, 60_000);
});
