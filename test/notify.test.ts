import { createHmac } from 'node:crypto';
import { type IncomingHttpHeaders, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunningDashboard } from '@trendwacht/dashboard';
import { type Alert, DEFAULT_SETTINGS, NOTIFY_QUEUE, type NotifyTarget } from '@trendwacht/shared';
import { readNotifyStatus, scanKeys, writeSettings } from '@trendwacht/shared/node';
import { type RunningWorker, startWorker } from '@trendwacht/worker';
import { Queue } from 'bullmq';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Notifier } from '../worker/src/notify/notifier';
import { dropRoot, quietLog, redisUrl, sealKey, testKeys, testRedis, uniqueRoot, waitFor } from './helpers';
import { sampleAlert, seedAlert } from './seed';
import { ApiClient, startTestDashboard, testUser } from './test-dashboard';

/**
 * Alert notifications end to end on a real Redis and BullMQ: a local HTTP server plays
 * the webhook receivers (a signed JSON endpoint, a Teams workflow, a Slack webhook, one
 * that fails twice, one that is gone). No alert text is made up here: the notices are the
 * seeded receipts in words.
 */
type Received = { path: string; headers: IncomingHttpHeaders; body: string };
const received: Received[] = [];
/** Mails the local SMTP server accepted: envelope recipients and the raw message. */
const mails: { to: string[]; raw: string }[] = [];
let smtp: SMTPServer;
let flakyLeft = 2;
let server: Server;
let base = '';

const redis = testRedis();
const root = uniqueRoot();
const keys = testKeys(root, 'gent');
const KEY = 'signing-k3y';

const target = (t: Partial<NotifyTarget> & Pick<NotifyTarget, 'id' | 'urlEnv'>): NotifyTarget => ({
  format: 'json',
  minSeverity: 'medium',
  events: ['open', 'escalate'],
  lang: 'nl',
  enabled: true,
  ...t,
});
const TARGETS: NotifyTarget[] = [
  target({ id: 'ops', urlEnv: 'TW_GENT_OPS_URL', secretEnv: 'TW_GENT_OPS_KEY' }),
  target({ id: 'teams', urlEnv: 'TW_GENT_TEAMS_URL', format: 'teams', lang: 'fr', minSeverity: 'high' }),
  target({ id: 'slack', urlEnv: 'TW_GENT_SLACK_URL', format: 'slack', lang: 'en', events: ['close'] }),
  target({ id: 'flaky', urlEnv: 'TW_GENT_FLAKY_URL', minSeverity: 'low' }),
  target({ id: 'gone', urlEnv: 'TW_GENT_GONE_URL', minSeverity: 'low' }),
  target({ id: 'unset', urlEnv: 'TW_GENT_NOT_SET_ANYWHERE', minSeverity: 'low' }),
  target({ id: 'off', urlEnv: 'TW_GENT_OPS_URL', minSeverity: 'low', enabled: false }),
  target({
    id: 'mail',
    urlEnv: 'TW_GENT_SMTP_URL',
    format: 'email',
    to: ['crisiscel@gemeente.example'],
    from: 'trendwacht@gemeente.example',
    minSeverity: 'high',
  }),
  target({
    id: 'bounce',
    urlEnv: 'TW_GENT_SMTP_URL',
    format: 'email',
    to: ['niemand@gemeente.example'],
    from: 'trendwacht@gemeente.example',
    minSeverity: 'high',
  }),
];
/** A destination of its own for the digest test (in the settings, not in TARGETS). */
const DIGEST = target({ id: 'digest', urlEnv: 'TW_GENT_DIGEST_URL', minSeverity: 'low', format: 'slack', lang: 'en' });
let env: NodeJS.ProcessEnv = {};
let notifier: Notifier;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      const path = req.url ?? '';
      received.push({ path, headers: req.headers, body });
      if (path === '/gone') res.writeHead(404).end();
      else if (path === '/flaky' && flakyLeft-- > 0) res.writeHead(503).end();
      else res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, cb) {
      // An unknown mailbox: a permanent 5xx, not worth retrying.
      if (address.address.startsWith('niemand@')) cb(Object.assign(new Error('no such user'), { responseCode: 550 }));
      else cb();
    },
    onData(stream, session, cb) {
      let raw = '';
      stream.on('data', (c: Buffer) => {
        raw += c.toString('utf8');
      });
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        cb();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
  const smtpPort = (smtp.server.address() as AddressInfo).port;
  env = {
    TW_GENT_OPS_URL: `${base}/ops`,
    TW_GENT_OPS_KEY: KEY,
    TW_GENT_TEAMS_URL: `${base}/teams`,
    TW_GENT_SLACK_URL: `${base}/slack`,
    TW_GENT_FLAKY_URL: `${base}/flaky`,
    TW_GENT_GONE_URL: `${base}/gone`,
    TW_GENT_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    TW_GENT_DIGEST_URL: `${base}/digest`,
  };
  await writeSettings(redis, keys, { ...DEFAULT_SETTINGS, notify: [...TARGETS, DIGEST] });
  notifier = new Notifier({
    redis,
    connection: testRedis(),
    keys,
    log: quietLog,
    env,
    publicUrl: 'https://trendwacht.gent.example/',
    attempts: 4,
    retryDelayMs: 100,
  });
  await notifier.ready();
});

afterAll(async () => {
  await notifier.close();
  server.close();
  await new Promise<void>((r) => smtp.close(() => r()));
  await dropRoot(redis, root);
  await redis.quit();
});

const at = (path: string) => received.filter((r) => r.path === path);

describe('alert notifications', () => {
  const high = sampleAlert('al-high', { kind: 'theme', key: 'polarisation', theme: 'polarisation', severity: 'high' });
  const low = sampleAlert('al-low', { severity: 'low' });

  it('sends each changed alert to the targets that want it, in their format and language, signed', async () => {
    await seedAlert(redis, keys, high);
    await seedAlert(redis, keys, low);
    // high: ops, teams, flaky, gone, unset, mail, bounce (slack wants closes only, off is off); low: flaky, gone, unset.
    expect(await notifier.alertsChanged([high, low], TARGETS)).toBe(10);
    await waitFor(() => at('/flaky').length === 4 && at('/gone').length === 2, 20_000, 'deliveries and retries');
    await waitFor(async () => (await readNotifyStatus(redis, keys, ['unset'])).unset?.failed === 2, 10_000, 'unset');

    const [ops] = at('/ops');
    expect(at('/ops')).toHaveLength(1);
    const body = JSON.parse(ops?.body ?? '{}');
    expect(body).toMatchObject({
      type: 'trendwacht.alert',
      tenant: 'gent',
      event: 'open',
      title: 'Trendwacht · Nieuwe melding · Polarisatie (hoog)',
      url: 'https://trendwacht.gent.example/t/gent/alerts/al-high',
    });
    expect(body.alert.id).toBe('al-high');
    const sig = String(ops?.headers['x-trendwacht-signature']);
    const t = sig.match(/^t=(\d+),v1=([0-9a-f]{64})$/);
    expect(t?.[2]).toBe(createHmac('sha256', KEY).update(`${t?.[1]}.${ops?.body}`).digest('hex'));
    expect(Math.abs(Number(t?.[1]) - Date.now() / 1000)).toBeLessThan(60);

    expect(at('/teams')).toHaveLength(1);
    expect(at('/teams')[0]?.body).toContain('Nouvelle alerte · Polarisation (élevée)');
    expect(at('/teams')[0]?.headers['x-trendwacht-signature']).toBeUndefined();
    expect(at('/slack')).toHaveLength(0);

    const status = await readNotifyStatus(redis, keys, ['ops', 'teams', 'flaky', 'gone', 'unset', 'off']);
    expect(status.ops).toMatchObject({ delivered: 1, failed: 0, lastError: null });
    // Two 503s retried with backoff, then both alerts delivered.
    expect(status.flaky).toMatchObject({ delivered: 2, failed: 2, lastError: 'http_503' });
    // 404 is not retried; a missing variable is not either, and nothing was sent for it.
    expect(status.gone).toMatchObject({ delivered: 0, failed: 2, lastError: 'http_404' });
    expect(status.unset).toMatchObject({ delivered: 0, failed: 2, lastError: 'missing_secret' });
    expect(status.off).toMatchObject({ delivered: 0, failed: 0 });

    // E-mail: one plain-text message to the recipients; a 550 is given up at once.
    await waitFor(async () => (await readNotifyStatus(redis, keys, ['bounce'])).bounce?.failed === 1, 10_000, 'bounce');
    expect(mails).toHaveLength(1);
    expect(mails[0]?.to).toEqual(['crisiscel@gemeente.example']);
    const raw = mails[0]?.raw.replace(/=\r?\n/g, '') ?? '';
    expect(raw).toMatch(/^Subject: .*Polarisatie/m);
    expect(raw).toContain('https://trendwacht.gent.example/t/gent/alerts/al-high');
    expect(raw).toMatch(/^Content-Type: text\/plain/m);
    expect((await readNotifyStatus(redis, keys, ['mail', 'bounce'])).bounce).toMatchObject({
      delivered: 0,
      lastError: 'smtp_550',
    });
  });

  it('sends a change once however often it is queued, and closes only to who wants closes', async () => {
    expect(await notifier.alertsChanged([high], TARGETS)).toBe(7);
    const closed: Alert = { ...high, status: 'closed', closedAt: high.updatedAt + 60_000 };
    await seedAlert(redis, keys, closed);
    expect(await notifier.alertsChanged([closed], TARGETS)).toBe(1);
    await waitFor(() => at('/slack').length === 1, 10_000, 'the close to slack');
    const slack = JSON.parse(at('/slack')[0]?.body ?? '{}');
    expect(slack.text).toMatch(/^\*Trendwacht · Alert closed · Polarisation \(high\)\*/);
    expect(at('/ops')).toHaveLength(1);
    expect(at('/teams')).toHaveLength(1);
    expect(mails).toHaveLength(1);
  });

  it('sends many changes of one minute to a destination as one digest', async () => {
    const many = ['a', 'b', 'c', 'd', 'e'].map((x, i) =>
      sampleAlert(`al-many-${x}`, {
        kind: 'term',
        key: `term${x}`,
        theme: 'all',
        severity: 'low',
        detectedAt: 1000 + i,
        updatedAt: 1000 + i,
      }),
    );
    for (const a of many) await seedAlert(redis, keys, a);
    expect(await notifier.alertsChanged(many.slice(0, 3), [DIGEST])).toBe(3);
    expect(await notifier.alertsChanged(many, [DIGEST])).toBe(1);
    await waitFor(() => at('/digest').length === 4, 10_000, 'three single messages and a digest');
    const digest = JSON.parse(at('/digest').find((r) => r.body.includes('at once'))?.body ?? '{}');
    const lines = String(digest.text).split('\n');
    expect(lines[0]).toBe('*Trendwacht · 5 alerts at once*');
    expect(lines.slice(1, 6)).toEqual(many.map((a) => `New alert · New term: “${a.key}” (low)`));
  });

  it('keeps no URL or key in Redis, job records included', async () => {
    const failed = await notifier.queue.getFailed();
    expect(failed.map((j) => j.failedReason).sort()).toEqual(
      ['http_404', 'http_404', 'missing_secret', 'missing_secret', 'smtp_550'].sort(),
    );
    let checked = 0;
    for await (const page of scanKeys(redis, `${root}:*`)) {
      for (const k of page) {
        const type = await redis.type(k);
        const text =
          type === 'hash'
            ? JSON.stringify(await redis.hgetall(k))
            : type === 'string'
              ? String(await redis.get(k))
              : type === 'zset' || type === 'list'
                ? JSON.stringify(type === 'zset' ? await redis.zrange(k, 0, -1) : await redis.lrange(k, 0, -1))
                : '';
        expect(text, k).not.toContain(base);
        expect(text, k).not.toContain('smtp://');
        expect(text, k).not.toContain(KEY);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(5);
  });
});

describe('notifications from the dashboard', () => {
  let dash: RunningDashboard;
  let worker: RunningWorker;
  beforeAll(async () => {
    dash = await startTestDashboard(root);
    worker = await startWorker({
      config: { keyPrefix: root, workerConcurrency: 1, workerLockMs: 30_000, workerStalledMs: 30_000 },
      redisUrl: redisUrl(),
      sealKey,
      tenant: 'gent',
      log: quietLog,
      detector: false,
      notify: { env, retryDelayMs: 100 },
    });
  });
  afterAll(async () => {
    await worker.close();
    await dash.close();
  });

  it('lists the targets with their status, sends a test message, and names a bad target', async () => {
    await testUser(redis, root, 'gent', 'admin');
    const admin = await ApiClient.login(dash.url, 'admin@gent');
    const list = await admin.get('/api/t/gent/notify');
    expect(list.status).toBe(200);
    expect((list.body.targets as NotifyTarget[]).map((t) => t.id)).toEqual([...TARGETS, DIGEST].map((t) => t.id));
    expect((list.body.status as Record<string, { delivered: number }>).ops?.delivered).toBe(1);

    const before = at('/ops').length;
    expect((await admin.send('POST', '/api/t/gent/notify/ops/test')).status).toBe(202);
    await waitFor(() => at('/ops').length === before + 1, 10_000, 'the test message');
    expect(JSON.parse(at('/ops').at(-1)?.body ?? '{}')).toMatchObject({
      type: 'trendwacht.test',
      text: 'Meldingen van gent komen hier aan.',
    });
    expect((await admin.send('POST', '/api/t/gent/notify/nope/test')).status).toBe(404);

    // A target with a URL instead of a variable name is refused, naming the field.
    const bad = await admin.send('PUT', '/api/t/gent/settings', {
      ...DEFAULT_SETTINGS,
      notify: [{ id: 'x', urlEnv: 'https://hooks.example/secret' }],
    });
    expect(bad.status).toBe(400);
    expect(String((bad.body.error as { message: string }).message)).toMatch(
      /notify\.0\.urlEnv: must be the name of an environment variable/,
    );
    const q = new Queue(NOTIFY_QUEUE, { connection: redis, prefix: keys.queuePrefix });
    expect(await q.getWaitingCount()).toBe(0);
    await q.close();
  });
});
