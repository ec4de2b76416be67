import { KERMIS_INCIDENT, generateDay } from '@trendwacht/fixtures';
import { type Alert, alertEvent } from '@trendwacht/shared';
import { afterAll, describe, expect, it } from 'vitest';
import { replayLines } from '../cli/trend-replay';
import { redisUrl, testRedis } from './helpers';

/**
 * The detector on streams without history: a new deployment, a municipality of tens of
 * posts an hour. Synthetic texts written for this test (never from ../shared/data).
 */
const redis = testRedis();
afterAll(() => redis.quit());

const MINUTE = 60_000;
/**
 * A fixed start (a replay follows its event clock, so any date works): before a tenant's own
 * rhythm is known the detector expects the ordinary daily rhythm, so the hour of the day
 * matters; a fixed one makes the tests the same at any time they run.
 */
const START = Date.parse('2026-11-24T03:00:00Z');
const WEEK = 7 * 86_400_000;

const CHATTER = [
  'Mooi weer vandaag in {p}, even wandelen in het park.',
  'Wie weet een goede bakker in {p}? Graag tips.',
  'De bibliotheek van {p} heeft nieuwe openingsuren.',
  'Fietspad langs de vaart in {p} ligt er weer netjes bij.',
  'Koffie op het terras in {p}, heerlijk rustig.',
  'Het voetbal van zondag in {p} was spannend tot het einde.',
  'Nieuwe speeltuin in {p} is klaar, de kinderen zijn blij.',
  'Markt in {p} was vanochtend gezellig druk.',
];
const PLACES = ['Gent', 'Aalst', 'Hasselt', 'Leuven', 'Brugge', 'Mechelen'];

type Line = { id: string; text: string; createdAt: number; authorKey: string };

/** Background: `perHour` posts an hour for `hours` hours from `start`, many authors. */
function background(start: number, hours: number, perHour: number, seed = 1): Line[] {
  const out: Line[] = [];
  const n = hours * perHour;
  for (let i = 0; i < n; i++) {
    const j = (i * 7 + seed) % CHATTER.length;
    out.push({
      id: `b${seed}-${i}`,
      text: (CHATTER[j] as string).replace('{p}', PLACES[(i + seed) % PLACES.length] as string),
      createdAt: start + Math.floor((i * hours * 60 * MINUTE) / n),
      authorKey: `bg${(i * 13) % 500}`,
    });
  }
  return out;
}

/** A burst: `n` posts from distinct authors over `minutes`, from `texts` in turn. */
function burst(tag: string, onset: number, minutes: number, n: number, texts: readonly string[]): Line[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `${tag}-${i}`,
    text: texts[i % texts.length] as string,
    createdAt: onset + Math.floor((i * minutes * MINUTE) / n),
    authorKey: `${tag}-author-${i}`,
  }));
}

const FIRE = [
  'Grote brand in de sporthal van Zottegem, de brandweer is ter plaatse.',
  'Zware rook boven Zottegem: brand in de sporthal, ramen dicht houden.',
  'Brand sporthal Zottegem, de brandweer vraagt de buurt te vermijden.',
  'De sporthal van Zottegem staat in brand, veel rook in het centrum.',
];
const STRIKE = [
  'Treinstaking morgen: geen treinen tussen Kortrijk en Brugge volgens het spoorbedrijf.',
  'Spoorstaking legt morgen het treinverkeer stil, pendelaars zoeken alternatieven.',
  'Geen treinen morgen door de spoorstaking, busmaatschappij zet extra bussen in.',
];

const toLines = (posts: Line[]) => posts.sort((a, b) => a.createdAt - b.createdAt).map((p) => JSON.stringify(p));
const opened = (alerts: Alert[]) => alerts.filter((a) => alertEvent(a) === 'open');

describe('cold start and stories', () => {
  it('alerts on a burst 3 hours after the very first post, as one story naming its words', async () => {
    const start = START;
    const onset = start + 3 * 3_600_000;
    // Quiet hours after the burst (its long windows hold it for an hour): the story closes, its last state returned.
    const posts = [...background(start, 6, 40), ...burst('fire', onset, 20, 24, FIRE)];
    const r = await replayLines(toLines(posts), { redisUrl: redisUrl() }, {});
    const during = opened(r.alerts).filter((a) => a.detectedAt >= onset);
    expect(opened(r.alerts).filter((a) => a.detectedAt < onset)).toEqual([]);
    expect(during).toHaveLength(1);
    const first = during[0] as Alert;
    expect((first.detectedAt - onset) / MINUTE).toBeLessThanOrEqual(15);
    // The receipt as it stands at the end: a story gathers words and its phrase as it grows.
    const a = r.alerts.filter((x) => x.id === first.id).pop() as Alert;
    expect(a.story?.terms).toEqual(expect.arrayContaining(['sporthal', 'zottegem']));
    // Its title: a phrase of ≥ k authors holding one of its words (pairs of the same
    // authors told as one phrase of three), never a single word when the stream has one.
    const title = a.story?.title ?? '';
    expect(title).toContain(' ');
    expect(a.story?.terms.some((t) => title.split(' ').includes(t))).toBe(true);
    expect(a.chart?.length).toBeGreaterThan(2);
    expect(a.timeZone).toBe('Europe/Brussels');
    expect(a.baseline.method).not.toBe('rhythm');
  }, 120_000);

  it('opens no alert when only common words burst (ordinary language is no news)', async () => {
    const start = START;
    const onset = start + 3 * 3_600_000;
    // Every content word of these is among the most common Dutch words (background list).
    const COMMON = [
      'Weer een jaar samen, iedereen veel tijd.',
      'Zeker weer veel tijd samen dit jaar.',
      'Iedereen gewoon weer samen in de stad.',
    ];
    const posts = [...background(start, 4, 40), ...burst('common', onset, 20, 24, COMMON)];
    const r = await replayLines(toLines(posts), { redisUrl: redisUrl() }, {});
    expect(opened(r.alerts)).toEqual([]);
  }, 120_000);

  it('keeps two unrelated bursts at the same time apart: two stories, each with its own words', async () => {
    const start = START;
    const onset = start + 3 * 3_600_000;
    const posts = [
      ...background(start, 4, 40),
      ...burst('fire', onset, 20, 24, FIRE),
      ...burst('strike', onset + 2 * MINUTE, 20, 24, STRIKE),
    ];
    const r = await replayLines(toLines(posts), { redisUrl: redisUrl() }, {});
    expect(opened(r.alerts).filter((a) => a.detectedAt >= onset)).toHaveLength(2);
    // Each story as it stands at the end (it gathers words as they join it).
    const during = [...new Map(r.alerts.map((a) => [a.id, a])).values()];
    const fire = during.find((a) => a.story?.terms.includes('sporthal'));
    const strike = during.find((a) => a.story?.terms.some((t) => t.includes('staking') || t.includes('treinen')));
    expect(fire).toBeDefined();
    expect(strike).toBeDefined();
    expect(fire?.id).not.toBe(strike?.id);
    expect(fire?.story?.terms.some((t) => t.includes('trein'))).toBe(false);
    expect(strike?.story?.terms).not.toContain('sporthal');
  }, 120_000);

  it('gives a replay of 2013 the same alerts as the same posts dated last week', async () => {
    const thisWeek = START;
    const weeks = Math.round((thisWeek - Date.parse('2013-05-20T00:00:00Z')) / WEEK);
    const shift = weeks * WEEK;
    const onset = thisWeek + 3 * 3_600_000;
    const posts = [...background(thisWeek, 4, 40), ...burst('fire', onset, 20, 24, FIRE)];
    const old = posts.map((p) => ({ ...p, createdAt: p.createdAt - shift }));
    // In UTC: the ordinary daily rhythm a new deployment expects follows the local clock,
    // which summer time moves between May 2013 and this week.
    const utc = { timeZone: 'UTC' };
    const now = await replayLines(toLines(posts), { redisUrl: redisUrl() }, utc);
    const then = await replayLines(toLines(old), { redisUrl: redisUrl() }, utc);
    expect(new Date(old[0]?.createdAt ?? 0).getUTCFullYear()).toBe(2013);
    const view = (alerts: Alert[], by: number) =>
      alerts.map((a) => ({ event: alertEvent(a), at: a.updatedAt + by, title: a.story?.title, observed: a.observed }));
    expect(then.alerts.length).toBeGreaterThan(0);
    expect(view(then.alerts, shift)).toEqual(view(now.alerts, 0));
  }, 180_000);

  it('opens one alert for the demo incident (the fight at the fair), naming the fair and the town', async () => {
    const dayStart = Date.parse('2026-11-23T00:00:00+01:00');
    const posts = generateDay({ seed: 7, start: dayStart }).sort((a, b) => Number(a.createdAt) - Number(b.createdAt));
    const onset = dayStart + KERMIS_INCIDENT.at * 3_600_000;
    const r = await replayLines(
      posts.map((p) => JSON.stringify(p)),
      { redisUrl: redisUrl() },
      {},
    );
    const during = opened(r.alerts).filter(
      (a) => a.detectedAt >= onset && a.detectedAt <= onset + (KERMIS_INCIDENT.durationMin + 30) * MINUTE,
    );
    expect(during).toHaveLength(1);
    const last = r.alerts.filter((a) => a.id === during[0]?.id).pop() as Alert;
    expect(last.story?.terms).toEqual(expect.arrayContaining(['kermis', 'aalst']));
    expect(last.story?.themes).toContain('polarisation');
  }, 300_000);
});
