import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type RunningDashboard, WEB_DIST } from '@trendwacht/dashboard';
import { type Browser, type BrowserContextOptions, type Page, chromium } from 'playwright-core';
import { expect } from 'vitest';
import { TEST_PASSWORD, startTestDashboard } from './test-dashboard';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The built dashboard under a test's key root and a headless Chromium (close both with `close`). */
export async function startBrowserHarness(root: string): Promise<{ dash: RunningDashboard; browser: Browser }> {
  if (!existsSync(WEB_DIST)) throw new Error('dashboard not built: run `npm run build` first (npm test does)');
  const dash = await startTestDashboard(root);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  return { dash, browser };
}

/**
 * A page signed in as `username` (Dutch UI) that fails the test on any page error when it
 * closes; `options` set the browser's own context (time zone, locale).
 */
export async function signedInPage(
  browser: Browser,
  dash: RunningDashboard,
  username: string,
  options: BrowserContextOptions = {},
): Promise<Page> {
  const page = await browser.newPage({ bypassCSP: true, ...options });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('close', () => expect(errors).toEqual([]));
  await page.goto(dash.url);
  await page.evaluate(() => localStorage.setItem('trendwacht.lang', 'nl'));
  await page.getByLabel('Gebruikersnaam').fill(username);
  await page.getByLabel('Wachtwoord').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).waitFor();
  return page;
}

/** Serious and critical WCAG 2.1 AA violations (axe-core) inside `selector`. */
export async function seriousA11y(page: Page, selector: string) {
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
