import { type Alert, alertState, falseAlarmKey } from '@trendwacht/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningDashboard } from '../dashboard/server/index';
import { Feedback } from '../worker/src/trends/feedback';
import { Stories } from '../worker/src/trends/stories';
import { dropRoot, testKeys, testRedis, uniqueRoot } from './helpers';
import { sampleAlert, seedAlert } from './seed';
import { ApiClient, startTestDashboard, testUser } from './test-dashboard';

const redis = testRedis();
const root = uniqueRoot();
const keys = testKeys(root);
let dash: RunningDashboard;

const story = (id: string): Alert =>
  sampleAlert(id, {
    kind: 'term',
    key: 'kermis',
    theme: 'all',
    story: {
      title: 'kermis aalst',
      terms: ['kermis', 'aalst'],
      themes: ['local'],
      targets: [],
      narratives: [],
      langs: ['nl'],
      members: [
        { kind: 'term', key: 'kermis', theme: 'all' },
        { kind: 'theme', key: 'local', theme: 'local' },
      ],
      linkedTo: null,
      reopened: 0,
    },
  });

beforeAll(async () => {
  await seedAlert(redis, keys, story('al-triage-1'));
  await seedAlert(redis, keys, story('al-triage-2'));
  dash = await startTestDashboard(root);
});
afterAll(async () => {
  await dash.close();
  await dropRoot(redis, root);
  await redis.quit();
});

const as = async (role: 'viewer' | 'crisis' | 'admin') =>
  ApiClient.login(dash.url, (await testUser(redis, root, 'demo', role)).username);

describe('alert triage', () => {
  it('acknowledges, snoozes and closes an alert: the list shows its state, the audit log and the incident flow have each step', async () => {
    const crisis = await as('crisis');
    const inc = await crisis.send('POST', '/api/t/demo/incidents', {
      title: 'Kermis',
      severity: 'medium',
      alertId: 'al-triage-1',
    });
    expect(inc.status).toBe(201);
    const url = '/api/t/demo/alerts/al-triage-1/triage';
    const ack = await crisis.send('POST', url, { action: 'acknowledge' });
    expect(ack.status).toBe(200);
    expect(alertState(ack.body as Alert)).toBe('acknowledged');
    expect((ack.body as Alert).triage).toMatchObject({ state: 'acknowledged', by: 'crisis@demo' });
    const snooze = await crisis.send('POST', url, { action: 'snooze', minutes: 60 });
    expect((snooze.body as Alert).triage?.until).toBeGreaterThan(Date.now() + 59 * 60_000);
    const close = await crisis.send('POST', url, { action: 'close', reason: 'afgehandeld door de politie' });
    expect(alertState(close.body as Alert)).toBe('closed');
    const list = (await crisis.get('/api/t/demo/alerts?status=all')).body.alerts as Alert[];
    expect(alertState(list.find((a) => a.id === 'al-triage-1') as Alert)).toBe('closed');
    expect(alertState(list.find((a) => a.id === 'al-triage-2') as Alert)).toBe('open');
    const admin = await as('admin');
    const audit = (await admin.get('/api/t/demo/audit?limit=10')).body.entries as { action: string; target: string }[];
    const steps = audit.filter((e) => e.target === 'al-triage-1').map((e) => e.action);
    expect(steps).toEqual(expect.arrayContaining(['alert.acknowledge', 'alert.snooze', 'alert.close']));
    const flow = (await crisis.get(`/api/t/demo/incidents/${(inc.body as { id: string }).id}`)).body as {
      events: { kind: string; note?: string }[];
    };
    const notes = flow.events.filter((e) => e.kind === 'note').map((e) => e.note);
    expect(notes).toEqual([
      'Melding al-triage-1 bevestigd',
      'Melding al-triage-1 gesluimerd',
      'Melding al-triage-1 gesloten: afgehandeld door de politie',
    ]);
  });

  it('only lets the crisis team triage, and a false alarm needs a reason', async () => {
    const viewer = await as('viewer');
    expect((await viewer.send('POST', '/api/t/demo/alerts/al-triage-2/triage', { action: 'acknowledge' })).status).toBe(
      403,
    );
    const crisis = await as('crisis');
    expect((await crisis.send('POST', '/api/t/demo/alerts/al-triage-2/triage', { action: 'false_alarm' })).status).toBe(
      400,
    );
    expect((await crisis.send('POST', '/api/t/demo/alerts/al-nope/triage', { action: 'acknowledge' })).status).toBe(
      404,
    );
  });

  it('a false alarm drops the story and needs a clearly stronger burst of its series to alert again', async () => {
    const crisis = await as('crisis');
    const r = await crisis.send('POST', '/api/t/demo/alerts/al-triage-2/triage', {
      action: 'false_alarm',
      reason: 'jaarlijkse kermis, geen incident',
    });
    expect(r.status).toBe(200);
    expect(alertState(r.body as Alert)).toBe('closed');
    expect(Object.keys(await redis.hgetall(falseAlarmKey(keys.alerts))).sort()).toEqual(
      ['term\u0000kermis', 'theme\u0000local'].sort(),
    );
    // The detector's side: it reads the triage each minute and learns the false alarm.
    const stories = new Stories({
      closeAfterMin: 60,
      dormantHours: 24,
      joinAt: 0.3,
      linkAt: 0.1,
      maxMembers: 24,
      threshold: 6,
    });
    const now = Date.now();
    const reading = (observed: number, score: number) => ({
      kind: 'term' as const,
      key: 'kermis',
      observed,
      expected: 5,
      score,
      windowStart: now - 600_000,
      windowEnd: now,
    });
    const [opened] = await stories.step([{ reading: reading(40, 12), theme: 'all', authors: 20 }], now, async () => 0);
    // Give the in-memory story the dismissed alert's id, as after a restart.
    const s = opened?.story;
    if (!s) throw new Error('no story');
    stories.drop(s.id);
    stories.restore({ ...s, id: 'al-triage-2' });
    const feedback = new Feedback(redis, keys);
    await feedback.sync(stories, now);
    expect(stories.get('al-triage-2')).toBeUndefined();
    expect(feedback.passes(reading(40, 12), now)).toBe(false); // like the dismissed one
    expect(feedback.passes(reading(44, 13), now)).toBe(false); // a little stronger
    expect(feedback.passes(reading(80, 30), now)).toBe(true); // clearly stronger: alerts again
    const other = { ...reading(40, 12), key: 'brand' };
    expect(feedback.passes(other, now)).toBe(true); // other series are untouched
    // A false alarm stays one.
    expect((await crisis.send('POST', '/api/t/demo/alerts/al-triage-2/triage', { action: 'reopen' })).status).toBe(409);
  });
});
