import { TenantSettingsSchema, alertTime } from '@trendwacht/shared';
import { describe, expect, it } from 'vitest';
import { replayLines } from '../cli/trend-replay';
import { redisUrl } from './helpers';

/** The tenant's time zone: a setting, written into every alert the detector saves. */
describe("the tenant's time zone", () => {
  it('defaults to Brussels and takes only IANA zones', () => {
    expect(TenantSettingsSchema.parse({}).timeZone).toBe('Europe/Brussels');
    expect(TenantSettingsSchema.parse({ timeZone: 'Europe/Paris' }).timeZone).toBe('Europe/Paris');
    const bad = TenantSettingsSchema.safeParse({ timeZone: 'Brussel/Centrum' });
    expect(bad.success).toBe(false);
    expect(JSON.stringify(bad.error?.issues)).toContain('IANA');
  });

  it('is the zone of every alert the detector writes, so receipts read in it', async () => {
    const MINUTE = 60_000;
    const start = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 6 * 3_600_000;
    const onset = start + 3 * 3_600_000;
    const chatter = [
      'Rustige dag aan de markt van {p}.',
      'Koffie op het plein in {p}.',
      'Nieuwe bank in het park van {p}.',
    ];
    const lines = [
      ...Array.from({ length: 160 }, (_, i) => ({
        id: `b${i}`,
        text: (chatter[i % 3] as string).replace('{p}', ['Gent', 'Aalst', 'Lier'][i % 3] as string),
        createdAt: start + Math.floor((i * 240 * MINUTE) / 160),
        authorKey: `bg${i % 90}`,
      })),
      ...Array.from({ length: 20 }, (_, i) => ({
        id: `w${i}`,
        text: 'Wateroverlast in de Dorpsstraat van Lier, kelders lopen onder.',
        createdAt: onset + i * MINUTE,
        authorKey: `w${i}`,
      })),
    ].sort((a, b) => a.createdAt - b.createdAt);
    const r = await replayLines(
      lines.map((p) => JSON.stringify(p)),
      { redisUrl: redisUrl() },
      { timeZone: 'America/New_York' },
    );
    expect(r.alerts.length).toBeGreaterThan(0);
    for (const a of r.alerts) expect(a.timeZone).toBe('America/New_York');
    const a = r.alerts[0];
    // New York is 5 or 6 hours behind Brussels: the receipt's hour is New York's.
    const ny = new Date(a?.windowEnd ?? 0).toLocaleString('nl-BE', {
      hour: '2-digit',
      minute: '2-digit',
      timeZone: 'America/New_York',
    });
    expect(alertTime(a ?? {}, a?.windowEnd ?? 0, 'nl', false)).toBe(ny);
  }, 120_000);
});
