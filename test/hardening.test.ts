import { type RunningDashboard, startDashboard } from '@trendwacht/dashboard';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SSE_LIMITS } from '../dashboard/server/sse';
import { dropRoot, redisUrl, testRedis, uniqueRoot, waitFor } from './helpers';
import { ApiClient, startTestDashboard, testUser } from './test-dashboard';

/** Issue 22, medium items of the dashboard: SSE per session, /metrics behind a proxy, users of other tenants. */
const root = uniqueRoot();
const redis = testRedis();
let dash: RunningDashboard;

beforeAll(async () => {
  dash = await startTestDashboard(root);
  await testUser(redis, root, 'gent', 'viewer');
  await testUser(redis, root, 'gent', 'admin');
  await testUser(redis, root, 'gent', 'crisis');
  await testUser(redis, root, 'antwerpen', 'viewer', 'geheim.persoon@antwerpen');
  await testUser(redis, root, 'antwerpen', 'viewer', 'jan');
});
afterAll(async () => {
  await dash.close();
  await dropRoot(redis, root);
  await redis.quit();
});

describe('hardening (issue 22)', () => {
  it('caps the live streams of one session: the oldest closes, the newest stays', async () => {
    const viewer = await ApiClient.login(dash.url, 'viewer@gent');
    const open: { ctrl: AbortController; closed: boolean }[] = [];
    const n = SSE_LIMITS.perHolder + 4;
    for (let i = 0; i < n; i++) {
      const ctrl = new AbortController();
      const res = await fetch(new URL('/api/t/gent/stream', dash.url), {
        headers: viewer.authHeaders(),
        signal: ctrl.signal,
      });
      expect(res.status).toBe(200);
      const entry = { ctrl, closed: false };
      open.push(entry);
      void (async () => {
        const reader = res.body?.getReader();
        for (;;) {
          const r = await reader?.read().catch(() => ({ done: true }));
          if (!r || r.done) break;
        }
        entry.closed = true;
      })();
    }
    await waitFor(() => dash.hub.size === SSE_LIMITS.perHolder, 5000, 'streams capped');
    await waitFor(() => open.filter((o) => o.closed).length === n - SSE_LIMITS.perHolder, 5000, 'oldest closed');
    expect(open.slice(0, n - SSE_LIMITS.perHolder).every((o) => o.closed)).toBe(true);
    expect(open.slice(n - SSE_LIMITS.perHolder).some((o) => o.closed)).toBe(false);
    for (const o of open) o.ctrl.abort();
    await waitFor(() => dash.hub.size === 0, 5000, 'all closed');
  });

  it('/metrics: loopback without a token only when no proxy is in between', async () => {
    expect((await fetch(new URL('/metrics', dash.url))).status).toBe(200);
    // A reverse proxy on the same host connects from loopback too, but says so.
    for (const h of [
      ['X-Forwarded-For', '203.0.113.7'],
      ['Forwarded', 'for=203.0.113.7'],
      ['Via', '1.1 nginx'],
    ] as [string, string][]) {
      expect((await fetch(new URL('/metrics', dash.url), { headers: [h] })).status).toBe(403);
    }
    // A declared proxy (TRUST_PROXY) turns the loopback exception off altogether.
    const proxied = await startDashboard({
      redisUrl: redisUrl(),
      keyPrefix: root,
      host: '127.0.0.1',
      port: 0,
      trustProxy: 'loopback',
    });
    try {
      expect((await fetch(new URL('/metrics', proxied.url))).status).toBe(403);
    } finally {
      await proxied.close();
    }
  });

  it('an admin adds only accounts of their own municipality: nothing of another tenant is learnt', async () => {
    const admin = await ApiClient.login(dash.url, 'admin@gent');
    for (const username of ['geheim.persoon@antwerpen', 'jan', 'bestaat.niet@antwerpen']) {
      const r = await admin.send('POST', '/api/t/gent/users', { username, role: 'viewer' });
      expect(r.status, username).toBe(400);
      // Same answer whether the account exists or not.
      expect(r.body).toEqual({
        error: {
          code: 'bad_request',
          message: 'username: must end with @gent (accounts of other municipalities are added by an operator)',
        },
      });
    }
    const users = await admin.get('/api/t/gent/users');
    expect(users.text).not.toContain('antwerpen');
    expect(users.text).not.toContain('"jan"');
    const own = await admin.send('POST', '/api/t/gent/users', { username: 'nieuw@gent', role: 'viewer' });
    expect(own.status).toBe(201);
  });

  it('PUT settings keeps what it does not name; a far-off span is a 400, not a 500', async () => {
    const admin = await ApiClient.login(dash.url, 'admin@gent');
    const set = await admin.send('PUT', '/api/t/gent/settings', { k: 7, watchTerms: ['kermis'] });
    expect(set.status).toBe(200);
    const empty = await admin.send('PUT', '/api/t/gent/settings', {});
    expect(empty.status).toBe(200);
    expect((await admin.get('/api/t/gent/settings')).body).toMatchObject({ k: 7, watchTerms: ['kermis'] });
    expect((await admin.send('PUT', '/api/t/gent/settings', [1])).status).toBe(400);
    for (const q of [
      'from=8000000000000000&to=8000000000000001',
      'from=2999-01-01T00:00:00Z&to=2999-01-02T00:00:00Z',
    ]) {
      const r = await admin.get(`/api/t/gent/export?theme=hate&range=custom&${q}`);
      expect(r.status, q).toBe(400);
      expect(r.text).not.toMatch(/RangeError|Invalid time/);
    }
  });

  it('stores no NUL, bidirectional override or lone surrogate in titles, notes or names', async () => {
    const crisis = await ApiClient.login(dash.url, 'crisis@gent');
    const made = await crisis.send('POST', '/api/t/gent/incidents', {
      title: 'Brand\u0000 in de \u202Eotsraat\u202C \uD800loods',
    });
    expect(made.status).toBe(201);
    const title = String(made.body.title);
    expect(title).toBe('Brand in de otsraat \uFFFDloods');
    const note = await crisis.send('POST', `/api/t/gent/incidents/${made.body.id}/notes`, {
      text: 'Opvolgen\u2066 met\u0007 de wijk',
    });
    expect(note.text).toContain('Opvolgen met de wijk');
    const admin = await ApiClient.login(dash.url, 'admin@gent');
    await admin.send('POST', '/api/t/gent/users', {
      username: 'naam@gent',
      name: 'Jan\u202E\u0000 Peeters',
      role: 'viewer',
    });
    const users = (await admin.get('/api/t/gent/users')).body.users as { username: string; name: string }[];
    expect(users.find((u) => u.username === 'naam@gent')?.name).toBe('Jan Peeters');
  });
});
