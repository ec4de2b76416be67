import type { Alert } from '@trendwacht/shared';
import { afterAll, describe, expect, it } from 'vitest';
import { dropRoot, quietLog, testKeys, testRedis, uniqueRoot, waitFor } from '../../../test/helpers';
import { sampleAlert } from '../../../test/seed';
import { startDetectorLoop } from './loop';

const redis = testRedis();
const root = uniqueRoot();
afterAll(async () => {
  await dropRoot(redis, root);
  await redis.quit();
});

const MINUTE = 60_000;

/**
 * The live loop on a real Redis with a scripted detector (one alert at a known minute):
 * two workers run the loop, the lock makes one of them tick each minute once, and the
 * alerts of a minute reach `onAlerts` once — even when sending them fails.
 */
describe('detector loop', () => {
  it('ticks each minute once among workers and hands each minute’s alerts on once', async () => {
    const keys = testKeys(root, 'gent');
    const start = Math.floor(Date.now() / MINUTE) * MINUTE;
    let clock = start;
    const alertMinute = start + 2 * MINUTE;
    const ticked: number[] = [];
    const detector = {
      init: async () => undefined,
      tick: async (m: number): Promise<Alert[]> => {
        ticked.push(m);
        return m === alertMinute ? [sampleAlert('al-loop', { detectedAt: m, updatedAt: m })] : [];
      },
    };
    const handed: string[] = [];
    let failOnce = true;
    const onAlerts = async (alerts: Alert[]) => {
      handed.push(...alerts.map((a) => a.id));
      if (failOnce) {
        failOnce = false;
        throw new Error('queue down');
      }
    };
    const common = { redis, keys, detector, log: quietLog, lagMs: 0, everyMs: 20, now: () => clock, onAlerts };
    const loops = [startDetectorLoop(common), startDetectorLoop(common)];
    try {
      for (let i = 1; i <= 5; i++) {
        clock = start + i * MINUTE + 1_000;
        const want = start + (i - 1) * MINUTE;
        await waitFor(() => ticked.includes(want), 5_000, `minute ${i - 1} ticked`);
      }
    } finally {
      await Promise.all(loops.map((l) => l.stop()));
    }
    // Each minute once, in order, whichever loop held the lock.
    expect(ticked).toEqual([...new Set(ticked)].sort((a, b) => a - b));
    expect(ticked).toContain(alertMinute);
    // The alert handed on once; its failure did not stop the following minutes.
    expect(handed).toEqual(['al-loop']);
    expect(ticked.at(-1)).toBe(start + 4 * MINUTE);
  });
});
