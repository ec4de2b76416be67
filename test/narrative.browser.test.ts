import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { RunningDashboard } from '@trendwacht/dashboard';
import { generateDay } from '@trendwacht/fixtures';
import { BatchProducer, replaySource, runIngest } from '@trendwacht/ingest';
import type { NarrativeSummary } from '@trendwacht/shared';
import { type RunningWorker, startWorker } from '@trendwacht/worker';
import { type Browser, type Page, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropRoot, quietLog, redisUrl, sealKey, testKeys, testRedis, uniqueRoot, waitFor } from './helpers';
import { ApiClient, TEST_PASSWORD, startTestDashboard, testUser } from './test-dashboard';

/**
 * The narrative pages on the demo data (issue 19): the sample day with its scripted kermis
 * incident (60/30/10 pushing, reporting, countering, in Dutch and French), through the real
 * ingest, worker and dashboard, read in headless Chromium as a communications officer and
 * an analyst would.
 */
const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = '.test-artifacts';
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const root = uniqueRoot();
const keys = testKeys(root);
const redis = testRedis();
// The incident runs from 20 h after the start of the day for an hour: the last hour.
const posts = generateDay({ seed: 11, start: Date.now() - 21 * 3_600_000, posts: 500 });
let browser: Browser;
let dash: RunningDashboard;
let worker: RunningWorker;
let producer: BatchProducer;

const startStack = async () => {
  worker = await startWorker({
    config: { keyPrefix: root, workerConcurrency: 2, workerLockMs: 30_000, workerStalledMs: 30_000 },
    redisUrl: redisUrl(),
    sealKey,
    tenant: 'demo',
    log: quietLog,
  });
  dash = await startTestDashboard(root);
};

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  await startStack();
  producer = new BatchProducer({ redisUrl: redisUrl(), keys, sealKey, highWater: 100 });
  for (const role of ['viewer', 'analyst'] as const) await testUser(redis, root, 'demo', role);
  await runIngest(replaySource(posts, { speed: Number.POSITIVE_INFINITY }), {
    send: (p) => producer.send(p),
    batchSize: 50,
    batchMs: 50,
  });
  await waitFor(
    async () => {
      const s = await redis.hgetall(keys.stats);
      const dropped = Object.entries(s)
        .filter(([f]) => f.startsWith('drop:'))
        .reduce((a, [, v]) => a + Number(v), 0);
      return Number(s.posts ?? 0) + dropped >= posts.length;
    },
    120_000,
    'the day processed',
  );
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await producer?.close();
  await worker?.close();
  await dash?.close();
  await dropRoot(redis, root);
  await redis.quit();
});

async function signIn(role: string): Promise<Page> {
  const page = await browser.newPage({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('close', () => expect(errors, `page errors as ${role}`).toEqual([]));
  await page.goto(dash.url);
  await page.getByLabel('Gebruikersnaam').fill(`${role}@demo`);
  await page.getByLabel('Wachtwoord').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).waitFor();
  return page;
}

async function checkA11y(page: Page, name: string) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  const bad = await page.evaluate(async () => {
    const w = window as unknown as {
      axe: { run(o: unknown): Promise<{ violations: { id: string; impact: string }[] }> };
    };
    const r = await w.axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
  });
  expect(bad, `axe on ${name}`).toEqual([]);
}

const shot = (page: Page, name: string) => page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage: true });
const ID = /^[0-9a-z]{12,13}$/;

async function narratives(api: ApiClient): Promise<NarrativeSummary[]> {
  const r = await api.get('/api/t/demo/narratives?theme=polarisation&range=day');
  return r.body.narratives as NarrativeSummary[];
}

/** The incident's narrative: the biggest one about the fair. */
async function kermis(api: ApiClient): Promise<NarrativeSummary> {
  const list = (await narratives(api)).filter((n) => /kermis|vechtpartij/.test(`${n.title} ${n.label.join(' ')}`));
  const n = list.sort((a, b) => (b.posts ?? 0) - (a.posts ?? 0))[0];
  if (!n) throw new Error('no kermis narrative');
  return n;
}

describe('narratives in headless Chromium, on the sample day', () => {
  it('names every narrative by a phrase, never an id, and shows the scripted perspective shares', async () => {
    const api = await ApiClient.login(dash.url, 'viewer@demo');
    const list = await narratives(api);
    expect(list.length).toBeGreaterThan(0);
    for (const n of list.filter((x) => x.authors !== null)) {
      expect(n.titleFrom, `${n.title}`).toBe('phrase');
      expect(n.title.split(' ').length).toBeGreaterThanOrEqual(3);
    }
    const page = await signIn('viewer');
    await page.goto(`${dash.url}t/demo/themes/polarisation`);
    await page.getByTestId('narrative-link').first().waitFor();
    const names = await page.getByTestId('narrative-link').allTextContents();
    for (const name of names) expect(name.replace(/[“”]/g, '')).not.toMatch(ID);
    await checkA11y(page, 'thema');
    await shot(page, 'narrative-theme');

    const n = await kermis(api);
    await page.goto(`${dash.url}t/demo/narratives/${n.id}`);
    await page.getByRole('heading', { name: 'Perspectieven' }).waitFor();
    const share = async (p: string) =>
      Number(((await page.getByTestId(`perspective-${p}`).getByTestId('share').textContent()) ?? '').replace('%', ''));
    // Scripted 60/30/10 (pushing, reporting, countering), within ±10 points; the shares add up.
    const pushing = await share('pushing');
    const informing = await share('informing');
    const countering = await share('countering');
    expect(Math.abs(pushing - 60)).toBeLessThanOrEqual(10);
    expect(Math.abs(informing - 30)).toBeLessThanOrEqual(10);
    expect(Math.abs(countering - 10)).toBeLessThanOrEqual(10);
    expect(Math.abs(pushing + informing + countering + (await share('asking')) - 100)).toBeLessThanOrEqual(2);
    // One story in two languages is one narrative.
    await expect
      .poll(() => page.getByTestId('narrative-count').textContent())
      .toMatch(/Nederlands.*Frans|Frans.*Nederlands/);
    // Dutch first, the French phrase beside it; angles chosen for it, with why; partners with a contact.
    expect(await page.getByTestId('narrative-title').textContent()).toMatch(/kermis|vechtpartij|wij tegen zij/);
    await expect
      .poll(() => page.getByTestId('narrative-title-alt').textContent())
      .toMatch(/foire|bagarre|nous contre eux/);
    const angle = page.getByTestId('angle').first();
    expect(await angle.textContent()).toMatch(/Gekozen omdat: .*thema Polarisatie/);
    expect(await page.getByTestId('guidance').textContent()).toMatch(/De-escal/);
    await page.getByTestId('partner').first().getByRole('link').first().waitFor();
    await page.getByText('Toon als tabel').first().click();
    await page.getByTestId('perspective-table').waitFor();
    await checkA11y(page, 'narratief');
    await shot(page, 'narrative-page');
    await page.emulateMedia({ media: 'print' });
    await shot(page, 'narrative-dossier');
    await page.emulateMedia({ media: 'screen' });
    const dossier = await api.get(`/api/t/demo/narratives/${n.id}/dossier`);
    expect(dossier.status).toBe(200);
    expect(dossier.text).not.toContain(n.id);
    expect(JSON.parse(dossier.text).perspectives).toHaveLength(4);
    await page.close();
  });

  it('an analyst’s rename and merge survive a restart; a logged response shows before and after', async () => {
    const api = await ApiClient.login(dash.url, 'analyst@demo');
    const target = await kermis(api);
    const other = (await narratives(api)).find((x) => x.id !== target.id);
    if (!other) throw new Error('no second narrative to merge');
    const page = await signIn('analyst');
    await page.goto(`${dash.url}t/demo/narratives/${target.id}`);
    await page.getByLabel('Naam').fill('Kermis Aalst: wij tegen zij');
    await page.getByRole('button', { name: 'Naam opslaan' }).click();
    await page.getByTestId('narrative-title').filter({ hasText: 'Kermis Aalst: wij tegen zij' }).waitFor();
    // The other narrative is merged into this one, chosen by its title (ids are never shown).
    await page.goto(`${dash.url}t/demo/narratives/${other.id}`);
    const into = page.getByLabel('Dit narratief samenvoegen in');
    await into.locator('option', { hasText: 'Kermis Aalst: wij tegen zij' }).waitFor({ state: 'attached' });
    await into.selectOption({ label: 'Kermis Aalst: wij tegen zij' });
    await page.getByRole('button', { name: 'Samenvoegen', exact: true }).click();
    await page.getByText('Opgeslagen.').waitFor();
    await page.goto(`${dash.url}t/demo/narratives/${target.id}`);
    await page.getByTestId('narrative-title').filter({ hasText: 'Kermis Aalst' }).waitFor();
    // A response logged half an hour into the incident.
    const at = new Date(Date.now() - 30 * 60_000);
    const local = new Date(at.getTime() - at.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    await page.getByLabel('Datum en uur').fill(local);
    await page.getByLabel('Kanaal').selectOption('press');
    await page.getByLabel(/Notitie/).fill('Persbericht met de feiten');
    await page.getByRole('button', { name: 'Reactie loggen' }).click();
    const response = page.getByTestId('response').first();
    await response.waitFor();
    await expect.poll(() => response.textContent()).toMatch(/24 u ervoor.*24 u erna/);
    const rows = await response.locator('tbody tr').first().locator('td').allTextContents();
    expect(rows.every((x) => /\d|< 5/.test(x))).toBe(true);
    await page.close();

    // Restart the worker and the dashboard: the curation is in Redis, not in a process.
    await worker.close();
    await dash.close();
    await startStack();
    const again = await ApiClient.login(dash.url, 'viewer@demo');
    const after = await again.get(`/api/t/demo/narratives/${target.id}?range=day`);
    expect(after.body).toMatchObject({ title: 'Kermis Aalst: wij tegen zij', titleFrom: 'analyst' });
    expect(after.body.merged).toContain(other.id);
    expect((after.body.responses as unknown[]).length).toBe(1);
    expect((await narratives(again)).map((x) => x.id)).not.toContain(other.id);
    const merged = await again.get(`/api/t/demo/narratives/${other.id}?range=day`);
    expect(merged.body.mergedInto).toBe(target.id);
    // Merging back would close a cycle: refused.
    const analyst = await ApiClient.login(dash.url, 'analyst@demo');
    const back = await analyst.send('POST', `/api/t/demo/narratives/${target.id}/curate`, {
      action: 'merge',
      into: other.id,
    });
    expect(back.status).toBe(409);
    // The audit log names each step.
    const audit = await redis.lrange(keys.audit, 0, -1);
    for (const action of ['narrative.rename', 'narrative.merge', 'narrative.response']) {
      expect(audit.some((e) => e.includes(`"${action}"`))).toBe(true);
    }
    const viewerPage = await signIn('viewer');
    await viewerPage.goto(`${dash.url}t/demo/narratives/${target.id}`);
    await viewerPage.getByTestId('narrative-title').filter({ hasText: 'Kermis Aalst' }).waitFor();
    await viewerPage.getByTestId('response').first().waitFor();
    await viewerPage.getByTestId('lineage').getByText('Hierin samengevoegd').waitFor();
    await shot(viewerPage, 'narrative-after-restart');
    await viewerPage.close();
  });
});
