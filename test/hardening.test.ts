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
    for (const h of [{ 'X-Forwarded-For': '203.0.113.7' }, { Forwarded: 'for=203.0.113.7' }, { Via: '1.1 nginx' }]) {
      expect((await fetch(new URL('/metrics', dash.url), { headers: h })).status).toBe(403);
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
});
