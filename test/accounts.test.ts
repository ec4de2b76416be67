import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditLog, type RunningDashboard } from '@trendwacht/dashboard';
import { accountKeys, bucketStart, tenantKeys } from '@trendwacht/shared';
import { scanKeys } from '@trendwacht/shared/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN } from '../cli/processes';
import { backoffSeconds } from '../dashboard/server/routes/session';
import { dropRoot, redisUrl, testRedis, uniqueRoot } from './helpers';
import { ApiClient, TEST_PASSWORD, startTestDashboard, testUser } from './test-dashboard';

const root = uniqueRoot();
const redis = testRedis();
const keys = tenantKeys(root, 'gent');
let dash: RunningDashboard;

beforeAll(async () => {
  dash = await startTestDashboard(root);
  for (const role of ['viewer', 'crisis', 'analyst', 'admin'] as const) await testUser(redis, root, 'gent', role);
});
afterAll(async () => {
  await dash.close();
  await dropRoot(redis, root);
  await redis.quit();
});

/** POST /api/session from a given local address (another client than the test's own). */
function signInFrom(localAddress: string, username: string, password: string): Promise<number> {
  const body = JSON.stringify({ username, password });
  return new Promise((resolve, reject) => {
    const req = request(
      new URL('/api/session', dash.url),
      {
        method: 'POST',
        localAddress,
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Every string value under the test's root, to look for secrets at rest. */
async function allValues(): Promise<string> {
  const out: string[] = [];
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', `${root}:*`, 'COUNT', 1000);
    cursor = next;
    for (const k of found) {
      const type = await redis.type(k);
      if (type === 'string') out.push(k, (await redis.get(k)) ?? '');
      if (type === 'hash') out.push(k, JSON.stringify(await redis.hgetall(k)));
      if (type === 'list') out.push(k, ...(await redis.lrange(k, 0, -1)));
      if (type === 'set') out.push(k, ...(await redis.smembers(k)));
    }
  } while (cursor !== '0');
  return out.join('\n');
}

describe('accounts and sessions', () => {
  it('signs in with an httpOnly SameSite=Strict cookie; passwords and cookies are stored only hashed', async () => {
    const c = ApiClient.anonymous(dash.url);
    const r = await c.send('POST', '/api/session', { username: 'viewer@gent', password: TEST_PASSWORD });
    expect(r.status).toBe(200);
    const cookie = r.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^tw_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(r.body).toMatchObject({ user: { username: 'viewer@gent' }, tenants: [{ id: 'gent', role: 'viewer' }] });
    const value = cookie.split(';')[0]?.split('=')[1] ?? '';
    const rest = await allValues();
    expect(rest).not.toContain(TEST_PASSWORD);
    expect(rest).not.toContain(value);
    expect(rest).toMatch(/scrypt\$32768\$8\$1\$/);
    // Signing out ends the session server-side.
    expect((await c.send('DELETE', '/api/session')).status).toBe(200);
    const again = new ApiClient(dash.url, `tw_session=${value}`);
    expect((await again.get('/api/session')).status).toBe(401);
  });

  it('slows a guesser after 5 failed sign-ins from its address, never the owner elsewhere, and logs it', async () => {
    await testUser(redis, root, 'gent', 'viewer', 'target@gent');
    const c = ApiClient.anonymous(dash.url);
    for (let i = 0; i < 5; i++) {
      const r = await c.send('POST', '/api/session', { username: 'target@gent', password: 'wrong password!!' });
      expect(r.status).toBe(401);
      expect(r.body).toEqual({ error: { code: 'bad_credentials', message: 'wrong username or password' } });
    }
    // From the guessing address: a wait, even with the right password (1 minute at first).
    const locked = await c.send('POST', '/api/session', { username: 'target@gent', password: TEST_PASSWORD });
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({ error: { code: 'locked' } });
    const wait = Number(locked.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(30);
    expect(wait).toBeLessThanOrEqual(60);
    // The owner, from another address (here 127.0.0.2), signs in at once (issue 22: 5 wrong
    // passwords from anyone used to lock the account for everyone for 15 minutes).
    const owner = await signInFrom('127.0.0.2', 'target@gent', TEST_PASSWORD);
    expect(owner).toBe(200);
    // Other accounts are not affected.
    expect((await ApiClient.login(dash.url, 'admin@gent')).base).toBe(dash.url);
    const log = await new AuditLog(redis, accountKeys(root)).page(50);
    expect(log.filter((e) => e.actor === 'target@gent').map((e) => e.action)).toEqual([
      'login',
      'login.locked',
      'login.failed',
      'login.failed',
      'login.failed',
      'login.failed',
    ]);
  });

  it('doubles the wait with each lock of the same account and address, up to 15 minutes', () => {
    expect([1, 2, 3, 4, 5, 6].map(backoffSeconds)).toEqual([60, 120, 240, 480, 900, 900]);
  });

  it('refuses state changes without the CSRF token or from another origin', async () => {
    const c = await ApiClient.login(dash.url, 'crisis@gent');
    const body = { title: 'Test' };
    const none = await c.send('POST', '/api/t/gent/incidents', body, { 'X-CSRF-Token': '' });
    expect(none).toMatchObject({ status: 403, body: { error: { code: 'csrf' } } });
    const foreign = await c.send('POST', '/api/t/gent/incidents', body, { Origin: 'https://evil.example' });
    expect(foreign).toMatchObject({ status: 403, body: { error: { message: 'cross-origin request refused' } } });
    expect((await c.send('POST', '/api/t/gent/incidents', body)).status).toBe(201);
  });

  it('gives analysts API tokens shown once, stored hashed, read-only and revocable', async () => {
    const analyst = await ApiClient.login(dash.url, 'analyst@gent');
    const made = await analyst.send('POST', '/api/t/gent/tokens', { label: 'Power BI' });
    expect(made.status).toBe(201);
    const token = String(made.body.token);
    expect(token).toMatch(/^twk_/);
    expect(await allValues()).not.toContain(token);
    const listed = await analyst.get('/api/t/gent/tokens');
    expect(JSON.stringify(listed.body)).not.toContain(token);
    const api = ApiClient.withToken(dash.url, token);
    const csv = await api.get('/api/t/gent/export?format=csv&range=day');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect((await api.send('POST', '/api/t/gent/tokens', { label: 'x' })).status).toBe(403);
    expect((await analyst.send('DELETE', `/api/t/gent/tokens/${made.body.id}`)).status).toBe(200);
    expect((await api.get('/api/t/gent/export')).status).toBe(401);
  });

  it('lets an admin delete a closed incident, audited; an open one must be closed first', async () => {
    const crisis = await ApiClient.login(dash.url, 'crisis@gent');
    const admin = await ApiClient.login(dash.url, 'admin@gent');
    const id = String(
      (await crisis.send('POST', '/api/t/gent/incidents', { title: 'Opgevolgd en afgesloten' })).body.id,
    );
    expect(await admin.send('DELETE', `/api/t/gent/incidents/${id}`)).toMatchObject({
      status: 409,
      body: { error: { code: 'conflict', message: 'close the incident before deleting it' } },
    });
    await crisis.send('PATCH', `/api/t/gent/incidents/${id}`, { status: 'closed' });
    expect((await crisis.send('DELETE', `/api/t/gent/incidents/${id}`)).status).toBe(403);
    expect((await admin.send('DELETE', `/api/t/gent/incidents/${id}`)).status).toBe(204);
    expect((await crisis.get(`/api/t/gent/incidents/${id}`)).status).toBe(404);
    const board = (await crisis.get('/api/t/gent/incidents')).body.incidents as { id: string }[];
    expect(board.map((i) => i.id)).not.toContain(id);
    expect(await redis.hget(keys.incidents, id)).toBeNull();
    const audit = (await admin.get('/api/t/gent/audit?limit=3')).body.entries as { action: string; target: string }[];
    expect(audit[0]).toMatchObject({ action: 'incident.delete', target: id });
    expect((await admin.send('DELETE', `/api/t/gent/incidents/${id}`)).status).toBe(404);
  });

  it('keeps no personal data in incident notes', async () => {
    const c = await ApiClient.login(dash.url, 'crisis@gent');
    const inc = await c.send('POST', '/api/t/gent/incidents', { title: 'Oproep tot protest' });
    const id = String(inc.body.id);
    const note = await c.send('POST', `/api/t/gent/incidents/${id}/notes`, {
      text: 'Gemeld door jan.peeters@example.be (0470 12 34 56), zie https://x.example/post/1 van @janp',
    });
    expect(note.status).toBe(201);
    const stored = JSON.stringify(await redis.hget(keys.incidents, id));
    for (const s of ['jan.peeters', '0470', 'https://', '@janp']) expect(stored).not.toContain(s);
    expect(stored).toContain('Gemeld door');
  });

  it('exports k-anonymous topic summaries: buckets under k distinct authors are empty', async () => {
    // Noon yesterday (UTC): the three hours below share one day whatever the clock says
    // (near midnight the current hour and the ones before it fall in two days, and the
    // complementary suppression then rightly hides more).
    const hour = bucketStart(Date.now(), 'day') - 12 * 3_600_000;
    /** An hour cell as the worker writes it: counters, author sketches per cell and per part, the day beside it. */
    const write = async (at: number, fields: Record<string, number>, authors: Record<string, string[]>) => {
      for (const g of ['hour', 'day'] as const) {
        const b = bucketStart(at, g);
        for (const [f, v] of Object.entries(fields)) await redis.hincrby(keys.cell('hate', g, b), f, v);
        for (const [f, who] of Object.entries(authors)) {
          await redis.pfadd(f === 'posts' ? keys.cellAuthors('hate', g, b) : keys.partAuthors('hate', f, g, b), ...who);
        }
      }
    };
    const a6 = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'];
    await write(
      hour,
      { posts: 9, 'lang:nl': 9, 'tone:neg': 7, 'tone:neu': 2 },
      { posts: a6, 'lang:nl': a6, 'tone:neg': a6.slice(0, 5), 'tone:neu': ['a6'] },
    );
    await write(hour - 3_600_000, { posts: 4, 'lang:nl': 4 }, { posts: ['a1', 'a2'], 'lang:nl': ['a1', 'a2'] });
    // A third hour of other authors: hidden beside the two-author hour, so that one cannot be
    // derived from its day (complementary suppression), while the current hour stays shown.
    const b6 = ['b1', 'b2', 'b3', 'b4', 'b5', 'b6'];
    await write(hour - 7_200_000, { posts: 8, 'lang:nl': 8 }, { posts: b6, 'lang:nl': b6 });
    const c = await ApiClient.login(dash.url, 'analyst@gent');
    const day = `from=${hour - 12 * 3_600_000}&to=${hour + 12 * 3_600_000}`;
    const csv = await c.get(`/api/t/gent/export?theme=hate&range=custom&${day}&format=csv`);
    const [header, ...rows] = csv.text.trim().split('\r\n');
    expect(header?.split(',').slice(0, 6)).toEqual([
      'series',
      'bucket',
      'granularity',
      'suppressed',
      'posts',
      'authors',
    ]);
    const cols = (header ?? '').split(',');
    const byBucket = new Map(
      rows.map((r) => [r.split(',')[1], Object.fromEntries(r.split(',').map((v, i) => [cols[i], v]))]),
    );
    const now = byBucket.get(new Date(hour).toISOString());
    expect(now).toMatchObject({
      posts: '9',
      authors: '6',
      suppressed: 'false',
      lang_nl: '9',
      // 7 negative of 9 would give the 2 neutral posts of one author: both empty.
      tone_neg: '',
      tone_neu: '',
      tone_pos: '0',
    });
    const before = byBucket.get(new Date(hour - 3_600_000).toISOString());
    expect(before).toMatchObject({ posts: '', authors: '', suppressed: 'true', lang_nl: '' });
    expect(csv.headers.get('content-disposition')).toMatch(
      /attachment; filename="?trendwacht-gent-hate-\d{4}-\d{2}-\d{2}\.csv/,
    );
    const nd = await c.get('/api/t/gent/export?theme=hate&range=day&format=ndjson');
    expect(nd.text.trim().split('\n')).toHaveLength(24);
    expect((await c.get('/api/t/gent/export?theme=hate&range=custom&from=2026-01-02T00:00:00Z')).status).toBe(400);
  });
});

describe('deleting a tenant', () => {
  it('removes all of its keys, memberships and tokens, leaves other tenants as they were, and is audited', async () => {
    const env = { ...process.env, REDIS_URL: redisUrl(), TRENDWACHT_KEY_PREFIX: root };
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, [BIN, 'tenants', ...args], { env, encoding: 'utf8' });
    const gone = tenantKeys(root, 'opheffen');
    const { accounts } = await testUser(redis, root, 'opheffen', 'analyst', 'both@x');
    await testUser(redis, root, 'gent', 'viewer', 'both@x');
    await accounts.createToken('both@x', 'opheffen', 'weg');
    const kept = await accounts.createToken('both@x', 'gent', 'blijft');
    await redis.set(gone.settings, JSON.stringify({ k: 5 }));
    await redis.hset(gone.stats, 'posts', 10);
    await new AuditLog(redis, gone).append({ actor: 'both@x', action: 'test' });
    const gentKeysBefore = await countKeys(`${root}:{gent}:*`);

    const refused = cli('delete', 'opheffen');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(
      /this deletes all of tenant opheffen \(\d+ keys and its members\); repeat with --yes/,
    );
    expect(await countKeys(`${root}:{opheffen}:*`)).toBeGreaterThan(0);

    const done = cli('delete', 'opheffen', '--yes');
    expect(done.status, done.stderr).toBe(0);
    expect(done.stdout).toMatch(/tenant opheffen deleted: \d+ keys, 1 memberships/);
    expect(await countKeys(`${root}:{opheffen}:*`)).toBe(0);
    expect(await accounts.tenant('opheffen')).toBeNull();
    expect(await accounts.memberships('both@x')).toEqual({ gent: 'viewer' });
    expect((await accounts.tokens('both@x', 'opheffen')).length).toBe(0);
    expect(await accounts.resolveToken(kept.token)).toMatchObject({ tenant: 'gent' });
    expect(await countKeys(`${root}:{gent}:*`)).toBe(gentKeysBefore);
    const signins = await new AuditLog(redis, accountKeys(root)).page(1);
    expect(signins[0]).toMatchObject({ actor: 'cli', action: 'tenant.delete', target: 'opheffen' });
    expect(cli('delete', 'opheffen', '--yes').stderr).toMatch(/no tenant opheffen/);
  });
});

async function countKeys(pattern: string): Promise<number> {
  let n = 0;
  for await (const page of scanKeys(redis, pattern)) n += page.length;
  return n;
}

describe('audit log', () => {
  it('chains every entry and `audit verify` detects a changed, a removed and a truncated entry', async () => {
    const log = new AuditLog(redis, keys);
    const before = await log.verify();
    for (let i = 0; i < 5; i++) await log.append({ actor: 'admin@gent', action: 'test', target: `t${i}` });
    const ok = await log.verify();
    expect(ok.ok).toBe(true);
    const env = { ...process.env, REDIS_URL: redisUrl(), TRENDWACHT_KEY_PREFIX: root };
    const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, 'audit', ...args], { env, encoding: 'utf8' });
    expect(cli('verify', '--tenant', 'gent').status).toBe(0);
    const entries = await redis.lrange(keys.audit, 0, -1);
    const n = entries.length;
    expect(n).toBe((before.ok ? before.entries : 0) + 5);

    // Changed: another target on entry 3.
    const changed = (entries[2] ?? '').replace(/"target":"[^"]*"/, '"target":"someone-else"');
    await redis.lset(keys.audit, 2, changed);
    const r1 = cli('verify', '--tenant', 'gent');
    expect(r1.status).toBe(1);
    expect(r1.stdout).toMatch(/BROKEN at entry 3: hash does not match/);
    await redis.lset(keys.audit, 2, entries[2] ?? '');

    // Removed from the middle.
    await redis.lrem(keys.audit, 1, entries[1] ?? '');
    expect(await log.verify()).toMatchObject({ ok: false, seq: 2 });
    await redis.del(keys.audit);
    await redis.rpush(keys.audit, ...entries);

    // Truncated at the end.
    await redis.rpop(keys.audit);
    expect(await log.verify()).toMatchObject({ ok: false, seq: n - 1 });
    await redis.rpush(keys.audit, entries[n - 1] ?? '');
    expect((await log.verify()).ok).toBe(true);
  });

  it('archives entries older than N days to a file; verify goes on from there; the file verifies on its own', async () => {
    const k = tenantKeys(root, 'aalst');
    const DAY = 86_400_000;
    let clock = Date.now() - 100 * DAY;
    const log = new AuditLog(redis, k, () => clock);
    for (let i = 0; i < 6; i++) {
      await log.append({ actor: 'admin@aalst', action: 'test', target: `old${i}` });
      clock += DAY;
    }
    clock = Date.now() - 2 * DAY;
    for (let i = 0; i < 3; i++) await log.append({ actor: 'admin@aalst', action: 'test', target: `new${i}` });
    const dir = mkdtempSync(join(tmpdir(), 'tw-audit-'));
    const env = { ...process.env, REDIS_URL: redisUrl(), TRENDWACHT_KEY_PREFIX: root };
    const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, 'audit', ...args], { env, encoding: 'utf8' });
    try {
      const r = cli('archive', '--older-than', '30', '--out', dir, '--tenant', 'aalst');
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/aalst: 6 entries archived to .*aalst-1-6\.jsonl; Redis continues from entry 6/);
      expect(await redis.llen(k.audit)).toBe(3);
      expect(await log.verify()).toMatchObject({ ok: true, entries: 9, archived: 6 });
      expect(cli('verify', '--tenant', 'aalst').stdout).toMatch(/aalst: intact, 9 entries \(6 archived\)/);
      // Pages are by seq, as before.
      expect((await log.page(10)).map((e) => e.seq)).toEqual([9, 8, 7]);
      expect((await log.page(10, 9)).map((e) => e.seq)).toEqual([8, 7]);
      // The file on its own, without Redis.
      const file = join(dir, 'aalst-1-6.jsonl');
      const { REDIS_URL: _, ...noRedis } = process.env;
      const alone = spawnSync(process.execPath, [BIN, 'audit', 'verify', '--file', file], {
        env: noRedis,
        encoding: 'utf8',
      });
      expect(alone.status, alone.stderr).toBe(0);
      expect(alone.stdout).toContain('intact, entries 1–6');
      // Nothing more to archive; the file is not written again.
      expect(cli('archive', '--older-than', '30', '--out', dir, '--tenant', 'aalst').stdout).toMatch(
        /aalst: nothing older than 30 days/,
      );
      // A changed archive is caught.
      writeFileSync(file, readFileSync(file, 'utf8').replace('"old2"', '"someone"'));
      const changed = cli('verify', '--file', file);
      expect(changed.status).toBe(1);
      expect(changed.stdout).toMatch(/BROKEN at entry 3: hash does not match/);
      // An entry removed from Redis right after the archived ones is caught.
      const first = (await redis.lpop(k.audit)) as string;
      expect(await log.verify()).toMatchObject({ ok: false, seq: 7 });
      // …and a broken chain is not archived: nothing trimmed.
      const refused = cli('archive', '--older-than', '1', '--out', dir, '--tenant', 'aalst');
      expect(refused.status).toBe(1);
      expect(refused.stdout).toMatch(/aalst: NOT archived: chain broken at entry 7/);
      expect(await redis.llen(k.audit)).toBe(2);
      await redis.lpush(k.audit, first);
      expect((await log.verify()).ok).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('records who viewed, exported and changed what', async () => {
    const admin = await ApiClient.login(dash.url, 'admin@gent');
    await admin.send('PUT', '/api/t/gent/settings', { k: 6, sensitivity: 'high', watchTerms: ['kermis', 'Jaarmarkt'] });
    expect((await admin.get('/api/t/gent/settings')).body).toMatchObject({ k: 6, watchTerms: ['jaarmarkt', 'kermis'] });
    await admin.get('/api/t/gent/export?range=day');
    const page = await admin.get('/api/t/gent/audit?limit=5');
    const actions = (page.body.entries as { action: string; actor: string }[]).map((e) => `${e.actor} ${e.action}`);
    expect(actions.slice(0, 2)).toEqual(['admin@gent export', 'admin@gent settings.update']);
    expect((await admin.get('/api/t/gent/audit/verify')).body).toMatchObject({ ok: true });
  });
});
