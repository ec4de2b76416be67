import { AccountStore, type RunningDashboard, startDashboard } from '@trendwacht/dashboard';
import { type Role, accountKeys } from '@trendwacht/shared';
import type { RedisClient } from '@trendwacht/shared/node';
import { redisUrl } from './helpers';

/** The dashboard under a test's key root, on a free loopback port. */
export function startTestDashboard(root: string): Promise<RunningDashboard> {
  return startDashboard({ redisUrl: redisUrl(), keyPrefix: root, host: '127.0.0.1', port: 0 });
}

export const TEST_PASSWORD = 'correct horse battery staple';

/** A user with `role` in `tenant` (tenant created when missing); username `<role>@<tenant>` unless given. */
export async function testUser(
  redis: RedisClient,
  root: string,
  tenant: string,
  role: Role,
  username = `${role}@${tenant}`,
) {
  const a = new AccountStore(redis, accountKeys(root));
  if (!(await a.tenant(tenant))) await a.createTenant(tenant, `Gemeente ${tenant}`);
  if (!(await a.user(username))) await a.createUser(username, `Test ${role}`, TEST_PASSWORD);
  await a.grant(username, tenant, role);
  return { username, password: TEST_PASSWORD, accounts: a };
}

export type ApiResponse = { status: number; body: Record<string, unknown>; text: string; headers: Headers };

/** An HTTP client of the dashboard API holding a session cookie (and its CSRF token) or a token. */
export class ApiClient {
  constructor(
    readonly base: string,
    private cookie: string | null = null,
    private csrf: string | null = null,
    private readonly token: string | null = null,
  ) {}

  static anonymous(base: string) {
    return new ApiClient(base);
  }

  static withToken(base: string, token: string) {
    return new ApiClient(base, null, null, token);
  }

  static async login(base: string, username: string, password = TEST_PASSWORD): Promise<ApiClient> {
    const c = new ApiClient(base);
    const r = await c.send('POST', '/api/session', { username, password });
    if (r.status !== 200) throw new Error(`login of ${username} failed: ${r.status} ${r.text}`);
    return c;
  }

  /** The credentials this client sends (for raw fetches such as SSE). */
  authHeaders(): Record<string, string> {
    const h: Record<string, string> = {};
    if (this.cookie) h.Cookie = this.cookie;
    if (this.token) h.Authorization = `Bearer ${this.token}`;
    return h;
  }

  get(path: string) {
    return this.send('GET', path);
  }

  async send(method: string, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<ApiResponse> {
    const headers: Record<string, string> = { Accept: 'application/json', ...extra };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (this.cookie) headers.Cookie = this.cookie;
    if (this.csrf && method !== 'GET' && !('X-CSRF-Token' in extra)) headers['X-CSRF-Token'] = this.csrf;
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    const res = await fetch(new URL(path, this.base), {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0] ?? null;
    const text = await res.text();
    let parsed: Record<string, unknown> = {};
    try {
      parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      /* not JSON (exports) */
    }
    if (path === '/api/session' && method === 'POST' && res.status === 200) this.csrf = String(parsed.csrf);
    return { status: res.status, body: parsed, text, headers: res.headers };
  }
}
