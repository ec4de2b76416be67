import type { RunningDashboard } from '@trendwacht/dashboard';
import { readSettings } from '@trendwacht/shared/node';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11y, signedInPage, startBrowserHarness } from './browser-harness';
import { dropRoot, testKeys, testRedis, uniqueRoot } from './helpers';
import { testUser } from './test-dashboard';

const root = uniqueRoot();
const keys = testKeys(root);
const redis = testRedis();
let browser: Browser;
let dash: RunningDashboard;

beforeAll(async () => {
  await testUser(redis, root, 'demo', 'admin');
  ({ dash, browser } = await startBrowserHarness(root));
});
afterAll(async () => {
  await browser?.close();
  await dash?.close();
  await dropRoot(redis, root);
  await redis.quit();
});

async function signIn(section: string): Promise<Page> {
  const page = await signedInPage(browser, dash, 'admin@demo');
  await page.goto(new URL(`t/demo/settings/${section}`, dash.url).toString());
  return page;
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
