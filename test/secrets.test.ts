import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccountStore, type RunningDashboard } from '@trendwacht/dashboard';
import { SourcesRunner } from '@trendwacht/ingest';
import { SourcesFileSchema, accountKeys, inSecretNamespace, secretPrefix, tenantKeys } from '@trendwacht/shared';
import { ConfigError, SecretRefusedError, persistentSealKey, readTenantSecret } from '@trendwacht/shared/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropRoot, quietLog, testRedis, uniqueRoot, waitFor } from './helpers';
import { ApiClient, startTestDashboard, testUser } from './test-dashboard';

/**
 * Issue 22, high 1: a tenant admin names the variables its sources and destinations read.
 * Only the tenant's own namespace (`TW_<TENANT>_…`) may be named — refused when saved and
 * again when read — so the seal key, REDIS_URL, webhook secrets and other tenants' tokens
 * never leave the process.
 */
const root = uniqueRoot();
const redis = testRedis();
const dir = mkdtempSync(join(tmpdir(), 'tw-secrets-'));
let dash: RunningDashboard;
let admin: ApiClient;
const msg = (r: { body: Record<string, unknown> }) => (r.body.error as { message?: string } | undefined)?.message;

beforeAll(async () => {
  dash = await startTestDashboard(root);
  await testUser(redis, root, 'gent', 'admin');
  admin = await ApiClient.login(dash.url, 'admin@gent');
});
afterAll(async () => {
  await dash.close();
  await dropRoot(redis, root);
  await redis.quit();
  rmSync(dir, { recursive: true, force: true });
});

/** process.env turns `undefined` into the string "undefined": delete instead. */
function restoreEnv(name: string, value: string | undefined) {
  if (value === undefined) Reflect.deleteProperty(process.env, name);
  else process.env[name] = value;
}

const mastodon = (tokenEnv: string, base = 'https://mastodon.example') => ({
  id: 'probe',
  kind: 'mastodon',
  instances: [base],
  tokenEnv,
});

describe('secret references stay in the tenant namespace', () => {
  it('names the namespace from the tenant id', () => {
    expect(secretPrefix('gent')).toBe('TW_GENT_');
    expect(secretPrefix('sint-niklaas')).toBe('TW_SINT_NIKLAAS_');
    expect(inSecretNamespace('gent', 'TW_GENT_MASTODON_TOKEN')).toBe(true);
    for (const name of ['TRENDWACHT_SEAL_KEY', 'REDIS_URL', 'TW_GENT_', 'TW_ANTWERPEN_TOKEN', 'MASTODON_TOKEN']) {
      expect(inSecretNamespace('gent', name), name).toBe(false);
    }
  });

  it('the settings API refuses process-wide and foreign names for sources and destinations', async () => {
    for (const name of ['TRENDWACHT_SEAL_KEY', 'REDIS_URL', 'TRENDWACHT_WEBHOOK_SECRETS', 'TW_ANTWERPEN_TOKEN']) {
      const r = await admin.send('PUT', '/api/t/gent/sources/config', { sources: [mastodon(name)] });
      expect(r.status, name).toBe(400);
      expect(msg(r)).toMatch(/^sources\.0\.tokenEnv: must name a variable of this tenant: TW_GENT_/);
      const x = await admin.send('PUT', '/api/t/gent/sources/config', {
        sources: [{ id: 'x', kind: 'x', bearerEnv: name }],
      });
      expect(x.status, name).toBe(400);
      const n = await admin.send('PUT', '/api/t/gent/settings', { notify: [{ id: 'ops', urlEnv: name }] });
      expect(n.status, name).toBe(400);
      expect(msg(n)).toMatch(/^notify\.0\.urlEnv: must name a variable of this tenant/);
    }
    // An X source without a name would read the process-wide X_BEARER_TOKEN: refused too.
    const xDefault = await admin.send('PUT', '/api/t/gent/sources/config', { sources: [{ id: 'x', kind: 'x' }] });
    expect(xDefault.status).toBe(400);
    const sig = await admin.send('PUT', '/api/t/gent/settings', {
      notify: [{ id: 'ops', urlEnv: 'TW_GENT_OPS_URL', secretEnv: 'TRENDWACHT_SEAL_KEY' }],
    });
    expect(msg(sig)).toMatch(/^notify\.0\.secretEnv:/);
    const own = await admin.send('PUT', '/api/t/gent/sources/config', {
      sources: [mastodon('TW_GENT_MASTODON_TOKEN')],
    });
    expect(own.status).toBe(200);
    const ownNotify = await admin.send('PUT', '/api/t/gent/settings', {
      notify: [{ id: 'ops', urlEnv: 'TW_GENT_OPS_URL', secretEnv: 'TW_GENT_OPS_KEY' }],
    });
    expect(ownNotify.status).toBe(200);
  });

  it('the sources file is checked per tenant', () => {
    const bad = SourcesFileSchema.safeParse({ gent: [mastodon('TRENDWACHT_SEAL_KEY')] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['gent', 0, 'tokenEnv']);
    expect(SourcesFileSchema.safeParse({ gent: [mastodon('TW_GENT_MASTODON_TOKEN')] }).success).toBe(true);
  });

  it('refuses at read time too: a stored source naming the seal key never sends it (the probe)', async () => {
    const seen: string[] = [];
    const server: Server = createServer((req, res) => {
      seen.push(String(req.headers.authorization ?? ''));
      res.writeHead(401).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const keys = tenantKeys(root, 'gent');
    const sealKey = randomBytes(32).toString('hex');
    const own = `own-${randomBytes(8).toString('hex')}`;
    const saved = { seal: process.env.TRENDWACHT_SEAL_KEY, own: process.env.TW_GENT_PROBE_TOKEN };
    process.env.TRENDWACHT_SEAL_KEY = sealKey;
    process.env.TW_GENT_PROBE_TOKEN = own;
    // Written past the API's validation, as data stored before this rule (or edited by hand) would be.
    await redis.set(keys.sourceConfig, JSON.stringify([mastodon('TRENDWACHT_SEAL_KEY', base)]));
    const runner = new SourcesRunner({
      redis,
      keysOf: (t) => tenantKeys(root, t),
      tenants: async () => ['gent'],
      file: {},
      send: async () => undefined,
      batchSize: 10,
      batchMs: 20,
      log: quietLog,
    });
    try {
      await runner.reconcile();
      await waitFor(async () => !!(await redis.hget(keys.sources, 'probe')), 5_000, 'health');
      expect(JSON.parse((await redis.hget(keys.sources, 'probe')) ?? '{}')).toMatchObject({
        state: 'stopped',
        lastError: 'secret_refused',
      });
      await new Promise((r) => setTimeout(r, 300));
      expect(seen.join('\n')).not.toContain(sealKey);
      // The tenant's own variable does go out (the check is not just "send nothing").
      await redis.set(keys.sourceConfig, JSON.stringify([mastodon('TW_GENT_PROBE_TOKEN', base)]));
      await runner.reconcile();
      await waitFor(() => seen.some((h) => h === `Bearer ${own}`), 5_000, 'own token sent');
      expect(seen.join('\n')).not.toContain(sealKey);
    } finally {
      await runner.stop();
      await new Promise((r) => server.close(r));
      restoreEnv('TRENDWACHT_SEAL_KEY', saved.seal);
      restoreEnv('TW_GENT_PROBE_TOKEN', saved.own);
    }
  });

  it('readTenantSecret: its namespace only; the secrets file by tenant, private or refused', () => {
    const env = { TRENDWACHT_SEAL_KEY: 'k', REDIS_URL: 'redis://x', TW_GENT_A: 'env-a', TW_ANTW_A: 'other' };
    expect(() => readTenantSecret('gent', 'TRENDWACHT_SEAL_KEY', env)).toThrow(SecretRefusedError);
    expect(() => readTenantSecret('gent', 'TW_ANTW_A', env)).toThrow(SecretRefusedError);
    expect(readTenantSecret('gent', 'TW_GENT_A', env)).toBe('env-a');
    const file = join(dir, 'secrets.json');
    writeFileSync(file, JSON.stringify({ gent: { TW_GENT_A: 'file-a' }, antw: { TW_ANTW_A: 'file-antw' } }), {
      mode: 0o600,
    });
    chmodSync(file, 0o600);
    const withFile = { ...env, TRENDWACHT_SECRETS_FILE: file };
    expect(readTenantSecret('gent', 'TW_GENT_A', withFile)).toBe('file-a');
    expect(readTenantSecret('antw', 'TW_ANTW_A', withFile)).toBe('file-antw');
    chmodSync(file, 0o644);
    expect(() => readTenantSecret('gent', 'TW_GENT_A', withFile)).toThrow(/readable by others/);
    writeFileSync(file, JSON.stringify({ gent: { TRENDWACHT_SEAL_KEY: 'x' } }));
    chmodSync(file, 0o600);
    expect(() => readTenantSecret('gent', 'TW_GENT_A', withFile)).toThrow(ConfigError);
  });

  it('tenants whose namespaces would overlap cannot both exist', async () => {
    const a = new AccountStore(redis, accountKeys(root));
    await expect(a.createTenant('gent-x', 'Gent X')).rejects.toThrow(/overlaps that of tenant gent/);
    await expect(a.createTenant('gent_', 'Gent')).rejects.toThrow(/overlaps/);
    await expect(a.createTenant('gentx', 'Gentx')).resolves.toMatchObject({ id: 'gentx' });
  });
});

describe('the seal key of `start` survives a restart (issue 22, high 3)', () => {
  it('is created once with mode 0600 and read back the same', () => {
    const path = join(dir, 'data', 'seal.key');
    const first = persistentSealKey(path);
    expect(first.length).toBe(32);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(persistentSealKey(path).equals(first)).toBe(true);
    chmodSync(path, 0o640);
    expect(() => persistentSealKey(path)).toThrow(/readable by others/);
  });
});
