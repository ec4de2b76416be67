import { ROUTES, type RunningDashboard } from '@trendwacht/dashboard';
import { ROLES, type Role, type TokenScope, can, tenantKeys, tokenMay } from '@trendwacht/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropRoot, testRedis, uniqueRoot } from './helpers';
import { sampleAlert, seedAlert, seedNarrative } from './seed';
import { ApiClient, startTestDashboard, testUser } from './test-dashboard';

/**
 * The authorisation matrix: every API route of the route table, called as anonymous, as
 * each role of tenant `a`, as an admin of tenant `b`, and with an analyst's API token.
 * Each answer's status must follow from the route's permission, and no answer may hold
 * anything of tenant `b`.
 */
const root = uniqueRoot();
const redis = testRedis();
const A = tenantKeys(root, 'a');
const B = tenantKeys(root, 'b');
const FOREIGN = 'zzforeignzz';
let dash: RunningDashboard;
const clients = new Map<string, ApiClient>();
let incidentA = '';

beforeAll(async () => {
  dash = await startTestDashboard(root);
  for (const role of ROLES) {
    const u = await testUser(redis, root, 'a', role);
    clients.set(role, await ApiClient.login(dash.url, u.username));
  }
  const foreign = await testUser(redis, root, 'b', 'admin');
  clients.set('admin of b', await ApiClient.login(dash.url, foreign.username));
  await testUser(redis, root, 'a', 'viewer', 'spare@a');
  const analyst = clients.get('analyst') as ApiClient;
  const tok = await analyst.send('POST', '/api/t/a/tokens', { label: 'matrix', scope: 'read' });
  clients.set('token (analyst)', ApiClient.withToken(dash.url, String(tok.body.token)));
  // An admin's token made with the default scope: exports only, never users, audit or settings.
  const adminTok = await (clients.get('admin') as ApiClient).send('POST', '/api/t/a/tokens', { label: 'export' });
  expect(adminTok.body.scope).toBe('export');
  clients.set('token (admin)', ApiClient.withToken(dash.url, String(adminTok.body.token)));
  clients.set('anonymous', ApiClient.anonymous(dash.url));
  // Tenant a: an alert and an incident; tenant b: the same, marked FOREIGN everywhere.
  await seedAlert(redis, A, sampleAlert('al-a1'));
  await seedAlert(redis, B, sampleAlert('al-b1', { terms: [{ term: FOREIGN, count: 9 }] }));
  await seedNarrative(redis, A, 'na-1', 6, 'hate');
  const crisis = clients.get('crisis') as ApiClient;
  incidentA = String((await crisis.send('POST', '/api/t/a/incidents', { title: 'Onrust na gemeenteraad' })).body.id);
  const bAdmin = clients.get('admin of b') as ApiClient;
  await bAdmin.send('POST', '/api/t/b/incidents', { title: `Incident ${FOREIGN}` });
  await bAdmin.send('PUT', '/api/t/b/settings', { k: 7, sensitivity: 'high', watchTerms: [FOREIGN] });
  await (clients.get('admin') as ApiClient).send('PUT', '/api/t/a/settings', SETTINGS_A);
});
afterAll(async () => {
  await dash.close();
  await dropRoot(redis, root);
  await redis.quit();
});

/** Tenant a's settings, with a notification target the test route can address. */
const SETTINGS_A = {
  k: 5,
  sensitivity: 'normal',
  watchTerms: ['kermis'],
  notify: [{ id: 'ops', urlEnv: 'TW_A_MATRIX_WEBHOOK_URL' }],
};

/** A concrete path and a valid body for a route, so that an allowed caller succeeds. */
function call(path: string, method: string): { path: string; body?: unknown; query?: string } {
  const p = path
    .replace(':tenant', 'a')
    .replace('alerts/:id', 'alerts/al-a1')
    .replace('incidents/:id', `incidents/${incidentA}`)
    .replace('narratives/:id', 'narratives/na-1')
    .replace('tokens/:id', 'tokens/none')
    .replace('notify/:id', 'notify/ops')
    .replace(':username', 'spare@a')
    .replace(':theme', 'hate');
  const bodies: Record<string, unknown> = {
    'post /api/session': { username: 'viewer@a', password: 'correct horse battery staple' },
    'post /api/t/a/incidents': { title: 'Matrix', severity: 'low' },
    [`patch /api/t/a/incidents/${incidentA}`]: { status: 'monitoring' },
    [`post /api/t/a/incidents/${incidentA}/notes`]: { text: 'Opvolgen met de wijkagent' },
    [`post /api/t/a/incidents/${incidentA}/links`]: { alertId: 'al-a1' },
    'post /api/t/a/tokens': { label: 'x' },
    'post /api/t/a/alerts/al-a1/triage': { action: 'acknowledge' },
    'post /api/t/a/narratives/na-1/curate': { action: 'pin' },
    'post /api/t/a/narratives/na-1/responses': { at: Date.UTC(2026, 0, 1), channel: 'press', note: 'Persbericht' },
    'put /api/t/a/settings': SETTINGS_A,
    'put /api/t/a/sources/config': { sources: [{ id: 'matrix', kind: 'feed', urls: ['https://example.org/rss'] }] },
    'post /api/t/a/users': { username: 'spare@a', role: 'viewer' },
    'patch /api/t/a/users/spare@a': { role: 'viewer' },
  };
  const query: Record<string, string> = {
    '/api/t/a/narratives': '?theme=hate',
  };
  return { path: p + (query[p] ?? ''), body: bodies[`${method} ${p}`] };
}

async function request(c: ApiClient, method: string, path: string, body: unknown, stream: boolean) {
  if (!stream) return c.send(method.toUpperCase(), path, body);
  const ctrl = new AbortController();
  const res = await fetch(new URL(path, dash.url), { headers: c.authHeaders(), signal: ctrl.signal });
  const text = res.ok ? '' : await res.text();
  ctrl.abort();
  return { status: res.status, text, body: {}, headers: res.headers };
}

const TOKENS: Record<string, { role: Role; scope: TokenScope }> = {
  'token (analyst)': { role: 'analyst', scope: 'read' },
  'token (admin)': { role: 'admin', scope: 'export' },
};

function expected(route: (typeof ROUTES)[number], who: string): number | 'ok' {
  const tenantRoute = route.path.includes(':tenant');
  const token = TOKENS[who];
  if (token) {
    // Tokens are read-only: no state change anywhere, not even signing in; and a token
    // reaches only what both its owner's role and its scope allow.
    if (route.method !== 'get') return 403;
    if (!tenantRoute || route.access === 'public' || route.access === 'user') return 'ok';
    return can(token.role, route.access) && tokenMay(token.scope, route.access) ? 'ok' : 403;
  }
  if (route.access === 'public') return 'ok';
  if (who === 'anonymous') return 401;
  if (who === 'admin of b') return tenantRoute ? 404 : 'ok';
  if (route.access === 'user') return 'ok';
  return can(who as Role, route.access) ? 'ok' : 403;
}

describe('authorisation matrix', () => {
  const callers = ['anonymous', ...ROLES, 'admin of b', ...Object.keys(TOKENS)];
  it('answers every route as its permission says, for every caller, and leaks nothing of another tenant', async () => {
    const table: string[] = [];
    let checked = 0;
    for (const route of ROUTES) {
      for (const who of callers) {
        // Re-create what the previous call may have removed (the spare member).
        await testUser(redis, root, 'a', 'viewer', 'spare@a');
        const c = clients.get(who) as ApiClient;
        let { path, body } = call(route.path, route.method);
        if (route.method === 'delete' && route.path.endsWith('tokens/:id') && can(who as Role, 'tokens')) {
          const made = await c.send('POST', '/api/t/a/tokens', { label: 'to revoke' });
          path = path.replace('tokens/none', `tokens/${made.body.id}`);
        }
        // Deleting an incident takes a closed one: a fresh one for each caller who may.
        if (route.method === 'delete' && route.path.endsWith('incidents/:id') && can(who as Role, 'incidents.delete')) {
          const crisis = clients.get('crisis') as ApiClient;
          const made = await crisis.send('POST', '/api/t/a/incidents', { title: 'Matrix, te verwijderen' });
          await crisis.send('PATCH', `/api/t/a/incidents/${made.body.id}`, { status: 'closed' });
          path = path.replace(`incidents/${incidentA}`, `incidents/${made.body.id}`);
        }
        // Signing out would end the caller's session for the rest of the matrix: use a fresh one.
        // Signing in would replace the caller's cookie: sign in on a copy.
        const session = route.path === '/api/session' && who !== 'anonymous' && !who.startsWith('token');
        let caller = c;
        if (session && route.method === 'delete')
          caller = await ApiClient.login(dash.url, who === 'admin of b' ? 'admin@b' : `${who}@a`);
        else if (route.path === '/api/session' && route.method === 'post' && !who.startsWith('token'))
          caller = ApiClient.anonymous(dash.url);
        const res = await request(caller, route.method, path, body, route.stream === true);
        const want = expected(route, who);
        const good = want === 'ok' ? res.status >= 200 && res.status < 300 : res.status === want;
        table.push(
          `${good ? 'ok ' : 'BAD'} ${route.method.toUpperCase()} ${route.path} as ${who}: ${res.status} (want ${want})`,
        );
        expect(res.text, `${route.method} ${path} as ${who}`).not.toContain(FOREIGN);
        expect(res.text).not.toContain('al-b1');
        checked++;
      }
    }
    const bad = table.filter((l) => l.startsWith('BAD'));
    expect(bad, bad.join('\n')).toEqual([]);
    expect(checked).toBe(ROUTES.length * callers.length);
  });

  it('refuses another tenant, by path, to each role of tenant a', async () => {
    for (const role of ROLES) {
      const c = clients.get(role) as ApiClient;
      for (const path of ['/api/t/b/overview', '/api/t/b/alerts', '/api/t/b/alerts/al-b1', '/api/t/b/settings']) {
        const r = await c.get(path);
        expect(r.status).toBe(404);
        expect(r.text).not.toContain(FOREIGN);
      }
    }
  });
});
