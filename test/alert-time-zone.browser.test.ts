import type { RunningDashboard } from '@trendwacht/dashboard';
import { type Alert, alertTime, zoneName } from '@trendwacht/shared';
import { readSettings, writeSettings } from '@trendwacht/shared/node';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInPage, startBrowserHarness } from './browser-harness';
import { dropRoot, testKeys, testRedis, uniqueRoot } from './helpers';
import { sampleAlert, seedAlert } from './seed';
import { ApiClient, testUser } from './test-dashboard';

const root = uniqueRoot();
const keys = testKeys(root);
const redis = testRedis();
let browser: Browser;
let dash: RunningDashboard;

/** The tenant's zone, far from the browser's (Brussels): a page in browser time would show it. */
const ZONE = 'America/New_York';
const at = Date.parse('2026-11-24T18:00:00Z');
/** Saved when the tenant was still in Brussels time: shown in its zone now. */
const ALERT: Alert = sampleAlert('al-zone-1', {
  kind: 'term',
  key: 'wateroverlast',
  theme: 'all',
  windowStart: at - 600_000,
  windowEnd: at,
  detectedAt: at,
  updatedAt: at,
  timeZone: 'Europe/Brussels',
});

beforeAll(async () => {
  await testUser(redis, root, 'demo', 'admin');
  await writeSettings(redis, keys, { ...(await readSettings(redis, keys)), timeZone: ZONE });
  await seedAlert(redis, keys, ALERT);
  ({ dash, browser } = await startBrowserHarness(root));
});
afterAll(async () => {
  await browser?.close();
  await dash?.close();
  await dropRoot(redis, root);
  await redis.quit();
});

describe("one time zone per view: the tenant's", () => {
  it('shows alerts, incidents, an incident, its briefing and the audit log in the tenant zone and names it', async () => {
    const api = await ApiClient.login(dash.url, 'admin@demo');
    const made = await api.send('POST', '/api/t/demo/incidents', { title: 'Wateroverlast in de Dorpsstraat' });
    expect(made.status).toBe(201);
    const incident = made.body as { id: string; createdAt: number; updatedAt: number };
    const audit = (await api.get('/api/t/demo/audit?limit=200')).body as { entries: { at: number }[] };
    const zone = { timeZone: ZONE };
    const named = (ms: number) => zoneName(zone, ms, 'nl');

    const page = await signedInPage(browser, dash, 'admin@demo', { timezoneId: 'Europe/Brussels', locale: 'nl-BE' });

    const main = async (path: string, testId: string) => {
      await page.goto(new URL(path, dash.url).toString());
      await page.getByTestId(testId).first().waitFor();
      return page.locator('main').innerText();
    };
    // 18:00 UTC: 13:00 in New York, 19:00 in Brussels.
    const alerts = await main('t/demo/alerts', 'alert-zone');
    expect(alerts).toContain(named(at));
    expect(alerts).toContain('13:00');
    expect(alerts).not.toContain('19:00');
    const receipt = await main(`t/demo/alerts/${ALERT.id}`, 'alert-state');
    expect(receipt).toContain(alertTime(zone, at, 'nl', false));
    expect(receipt).not.toContain('19:00');

    const board = await main('t/demo/incidents', 'time-zone');
    expect(board).toContain(alertTime(zone, incident.updatedAt, 'nl'));
    expect(board).toContain(named(incident.updatedAt));
    const one = await main(`t/demo/incidents/${incident.id}`, 'time-zone');
    expect(one).toContain(alertTime(zone, incident.createdAt, 'nl'));
    const brief = await main(`t/demo/incidents/${incident.id}/briefing`, 'time-zone');
    expect(brief).toContain(alertTime(zone, incident.createdAt, 'nl'));
    const log = await main('t/demo/audit', 'time-zone');
    const first = audit.entries[0];
    expect(first).toBeDefined();
    expect(log).toContain(alertTime(zone, first?.at ?? 0, 'nl'));
    expect(log).toContain(named(first?.at ?? 0));
    await page.close();
  }, 90_000);
});
