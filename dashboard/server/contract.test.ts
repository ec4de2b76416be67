import { Validator } from '@seriousme/openapi-schema-validator';
import { API, type ApiRoute, ExportJsonSchema } from '@trendwacht/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropRoot, testRedis, uniqueRoot } from '../../test/helpers';
import { ApiClient, startTestDashboard, testUser } from '../../test/test-dashboard';
import { checkReply, contractViolations } from './app';
import type { RunningDashboard } from './index';
import { ROUTES } from './routes/table';

const root = uniqueRoot();
const redis = testRedis();
let dash: RunningDashboard;
let analyst: ApiClient;

beforeAll(async () => {
  dash = await startTestDashboard(root);
  const u = await testUser(redis, root, 'demo', 'analyst');
  analyst = await ApiClient.login(dash.url, u.username);
});
afterAll(async () => {
  await dash.close();
  await dropRoot(redis, root);
  await redis.quit();
});

const contracts: ApiRoute[] = Object.values(API);
const key = (r: { method: string; path: string }) => `${r.method} ${r.path}`;

describe('the API contract (shared/src/api)', () => {
  it('names every route the server serves, and the server serves every route it names', () => {
    const served = new Set([...ROUTES.map(key), 'get /api/health', 'get /api/openapi.json']);
    expect(ROUTES.map(key).filter((k) => !contracts.some((c) => key(c) === k))).toEqual([]);
    expect(contracts.map(key).filter((k) => !served.has(k))).toEqual([]);
  });

  it('serves /api/openapi.json, a valid OpenAPI 3.1 document with every route', async () => {
    const r = await ApiClient.anonymous(dash.url).get('/api/openapi.json');
    expect(r.status).toBe(200);
    expect(r.body.openapi).toBe('3.1.0');
    const v = new Validator();
    const result = await v.validate(r.body);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(v.version).toBe('3.1');
    const paths = r.body.paths as Record<string, Record<string, { operationId: string }>>;
    const ops = Object.values(paths).flatMap((p) => Object.values(p).map((o) => o.operationId));
    expect(ops.sort()).toEqual(Object.keys(API).sort());
    expect(paths['/api/t/{tenant}/alerts/{id}']?.get).toBeDefined();
  });

  it('answers a token as the README shows (curl -H "Authorization: Bearer …")', async () => {
    const made = await analyst.send('POST', '/api/t/demo/tokens', { label: 'readme', scope: 'read' });
    expect(made.status).toBe(201);
    const token = API.createToken.response.parse(made.body).token;
    const r = await ApiClient.withToken(dash.url, token).get('/api/t/demo/overview?range=day');
    expect(r.status).toBe(200);
    expect(API.overview.response.parse(r.body).tenant).toBe('demo');
    const file = await ApiClient.withToken(dash.url, token).get('/api/t/demo/export?theme=all&range=day&format=json');
    expect(file.status).toBe(200);
    expect(ExportJsonSchema.parse(JSON.parse(file.text)).rows.length).toBeGreaterThan(0);
  });

  it('turns an answer outside its contract into a 500 naming the field (a positive control)', () => {
    const bad = { status: 200, body: { tenant: 'demo', stats: { posts: 'many' } } };
    expect(() => checkReply(API.stats, bad)).toThrow(/stats\.posts/);
    expect(() => checkReply(API.stats, { status: 200, body: { tenant: 'demo', stats: { posts: 3 } } })).not.toThrow();
    expect(() => checkReply({ method: 'get', path: '/api/nowhere' }, bad)).toThrow(/no contract/);
    contractViolations.splice(0);
  });

  it('found no answer outside its contract in this suite', async () => {
    for (const path of [
      'overview',
      'alerts',
      'incidents',
      'settings',
      'users',
      'tokens',
      'audit',
      'stats',
      'sources',
    ]) {
      expect((await analyst.get(`/api/t/demo/${path}`)).status).toBeLessThan(500);
    }
    expect(contractViolations).toEqual([]);
  });
});
