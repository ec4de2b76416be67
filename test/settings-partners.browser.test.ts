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

async function signIn(section: string): Promise<Page> {
  const page = await browser.newPage({ bypassCSP: true });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('close', () => expect(errors).toEqual([]));
  await page.goto(dash.url);
  await page.evaluate(() => localStorage.setItem('trendwacht.lang', 'nl'));
  await page.getByLabel('Gebruikersnaam').fill('admin@demo');
  await page.getByLabel('Wachtwoord').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).waitFor();
  await page.goto(new URL(`t/demo/settings/${section}`, dash.url).toString());
  return page;
}

async function seriousA11y(page: Page, selector: string) {
  await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async (sel) => {
    const w = window as unknown as {
      axe: { run(c: unknown, o: unknown): Promise<{ violations: { id: string; impact: string }[] }> };
    };
    const r = await w.axe.run(document.querySelector(sel), {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact }));
  }, selector);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

describe('settings tabs: expert partners and the time zone', () => {
  it('admin: sees the default expert pool, adds a partner with its public contact, edits and removes one', async () => {
    const page = await signIn('partners');
    const list = page.getByTestId('partners');
    await expect.poll(() => list.innerText()).toContain('Ceapire');
    expect(await page.getByRole('link', { name: 'Expertpartners' }).getAttribute('aria-current')).toBe('page');
    expect(await seriousA11y(page, 'main')).toEqual([]);

    const form = page.getByTestId('partner-form');
    await form.getByLabel('Naam van de organisatie').fill('Testvzw Dialoog');
    await form.getByLabel('Expertise (NL)').fill('Bemiddeling bij spanningen in de wijk.');
    await form.getByLabel('Polarisatie').check();
    await form.getByLabel('Contactpagina (https)').fill('https://example.org/contact');
    await form.getByLabel('Algemeen e-mailadres').fill('info@example.org');
    await form.getByLabel('Algemeen telefoonnummer').fill('+32 2 123 45 67');
    await form.getByRole('button', { name: 'Opslaan' }).click();
    await expect.poll(() => list.innerText()).toContain('Testvzw Dialoog');
    const saved = (await readSettings(redis, keys)).partners.find((p) => p.id === 'testvzw-dialoog');
    expect(saved).toMatchObject({
      name: 'Testvzw Dialoog',
      themes: ['polarisation'],
      contact: { url: 'https://example.org/contact', email: 'info@example.org', phone: '+32 2 123 45 67' },
    });
    expect(await form.getByLabel('Naam van de organisatie').inputValue()).toBe('');

    await page.getByRole('button', { name: 'Testvzw Dialoog bewerken' }).click();
    await form.getByLabel('Expertise (FR)').fill('Médiation dans le quartier.');
    await form.getByRole('button', { name: 'Opslaan' }).click();
    await expect
      .poll(async () => (await readSettings(redis, keys)).partners.find((p) => p.id === 'testvzw-dialoog')?.expertise)
      .toEqual({ nl: 'Bemiddeling bij spanningen in de wijk.', fr: 'Médiation dans le quartier.' });

    await page.getByRole('button', { name: 'Solentra verwijderen' }).click();
    await expect.poll(() => list.innerText()).not.toContain('Solentra');
    expect((await readSettings(redis, keys)).partners.map((p) => p.id)).not.toContain('solentra');
    await page.close();
  }, 60_000);

  it('admin: sets the time zone on the general tab', async () => {
    const page = await signIn('general');
    const zone = page.getByLabel('Tijdzone');
    expect(await zone.inputValue()).toBe('Europe/Brussels');
    await zone.selectOption('Europe/Paris');
    await page.locator('form', { has: zone }).getByRole('button', { name: 'Opslaan' }).click();
    await expect.poll(async () => (await readSettings(redis, keys)).timeZone).toBe('Europe/Paris');
    await page.close();
  }, 60_000);
});
