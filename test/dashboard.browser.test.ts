import { existsSync, mkdirSync } from 'node:fs';
import { type RunningDashboard, WEB_DIST } from '@trendwacht/dashboard';
import { generateDay } from '@trendwacht/fixtures';
import { BatchProducer, replaySource, runIngest } from '@trendwacht/ingest';
import { type RunningWorker, startWorker } from '@trendwacht/worker';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropRoot, quietLog, redisUrl, sealKey, testKeys, testRedis, uniqueRoot } from './helpers';
import { startTestDashboard } from './test-dashboard';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = '.test-artifacts';
const root = uniqueRoot();
const keys = testKeys(root);
const redis = testRedis();
const posts = generateDay({ seed: 3, start: Date.now() - 23 * 3_600_000, posts: 1200, scenario: null });
let browser: Browser;
let dash: RunningDashboard;
let worker: RunningWorker;
let producer: BatchProducer;

const ingest = (slice: typeof posts) =>
  runIngest(replaySource(slice, { speed: Number.POSITIVE_INFINITY }), {
    send: (p) => producer.send(p),
    batchSize: 50,
    batchMs: 50,
  });

beforeAll(async () => {
  if (!existsSync(WEB_DIST)) throw new Error('dashboard not built: run `npm run build` first (npm test does)');
  worker = await startWorker({
    config: { keyPrefix: root, workerConcurrency: 2, workerLockMs: 30_000, workerStalledMs: 30_000 },
    redisUrl: redisUrl(),
    sealKey,
    tenant: 'demo',
    log: quietLog,
  });
  dash = await startTestDashboard(root);
  producer = new BatchProducer({ redisUrl: redisUrl(), keys, sealKey, highWater: 100 });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
});
afterAll(async () => {
  await browser?.close();
  await producer?.close();
  await worker?.close();
  await dash?.close();
  await dropRoot(redis, root);
  await redis.quit();
});

const count = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, '') || 0);

describe('dashboard in headless Chromium', () => {
  it('shows theme counts rising live during a replay, without reloading', async () => {
    await ingest(posts.slice(0, 400));
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(dash.url);
    const all = page.getByTestId('posts-all');
    await expect.poll(async () => count(await all.textContent()), { timeout: 15_000 }).toBeGreaterThan(0);
    const before = count(await all.textContent());
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor({ timeout: 10_000 });
    let navigations = 0;
    page.on('framenavigated', () => navigations++);

    await ingest(posts.slice(400));
    await expect.poll(async () => count(await all.textContent()), { timeout: 15_000 }).toBeGreaterThan(before);
    expect(navigations).toBe(0);
    expect(errors).toEqual([]);
    // Dutch first; suppressed cells say "< k"
    expect(await page.locator('html').getAttribute('lang')).toBe('nl');
    await page.getByRole('heading', { name: 'Thema’s' }).waitFor();
    // A rare theme's hourly points come from fewer than 5 authors: they must say "< 5".
    // (Chosen by theme, not by clock: which cards are suppressed depends on the hour.)
    await page.getByLabel('Thema', { exact: true }).selectOption('islamist');
    await expect.poll(() => page.getByText('< 5').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: `${ARTIFACTS}/overview-live.png`, fullPage: true });
    await page.close();
  });

  it('switches language and remembers it', async () => {
    const page = await browser.newPage();
    await page.goto(dash.url);
    await page.getByLabel('Taal').selectOption('fr');
    await page.getByRole('heading', { name: 'Thèmes' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Thèmes' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await page.close();
  });
});
