import { can } from '@trendwacht/shared';
import type { RedisClient } from '@trendwacht/shared/node';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { z } from 'zod';
import { type AccountStore, isUsername } from '../accounts/accounts';
import type { SessionStore } from '../accounts/sessions';
import type { AuditLog } from '../audit-log';
import { type Ctx, HttpError, type Principal, type Reply, ok, parseWith, principalOf } from '../http';

/** Failed logins before an account locks, and for how long; attempts per address. */
export const LOCKOUT = { failures: 5, seconds: 15 * 60 };
const PER_ADDRESS = { attempts: 30, seconds: 15 * 60 };

export type LoginLimits = { byUser: RateLimiterRedis; byAddress: RateLimiterRedis };

export function loginLimits(redis: RedisClient, prefix: string): LoginLimits {
  return {
    byUser: new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${prefix}:user`,
      points: LOCKOUT.failures,
      duration: LOCKOUT.seconds,
      blockDuration: LOCKOUT.seconds,
    }),
    byAddress: new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${prefix}:ip`,
      points: PER_ADDRESS.attempts,
      duration: PER_ADDRESS.seconds,
    }),
  };
}

const Login = z.object({ username: z.string().trim().toLowerCase().max(64), password: z.string().max(400) });

export type SessionDeps = {
  accounts: AccountStore;
  sessions: SessionStore;
  limits: LoginLimits;
  audit: AuditLog;
  kOf(tenant: string): Promise<number>;
};

const retryAfter = (e: unknown) => (e instanceof RateLimiterRes ? Math.ceil(e.msBeforeNext / 1000) : 60);

/** What the browser needs after sign-in: who, which tenants with which role, the CSRF token. */
async function describe(d: SessionDeps, username: string, csrf: string | null) {
  const user = await d.accounts.user(username);
  const roles = await d.accounts.memberships(username);
  const tenants = [];
  for (const [id, role] of Object.entries(roles)) {
    const t = await d.accounts.tenant(id);
    if (t) tenants.push({ id, name: t.name, role, k: await d.kOf(id) });
  }
  tenants.sort((a, b) => a.name.localeCompare(b.name));
  return { user: { username, name: user?.name ?? username }, tenants, csrf };
}

export async function login(ctx: Ctx, d: SessionDeps): Promise<Reply> {
  const { username, password } = parseWith(Login, ctx.body, 'body');
  try {
    await d.limits.byAddress.consume(ctx.ip);
  } catch (e) {
    throw new HttpError(
      429,
      'rate_limited',
      'too many sign-in attempts from this address; try again later',
      retryAfter(e),
    );
  }
  const state = await d.limits.byUser.get(username);
  if (state && state.consumedPoints >= LOCKOUT.failures) {
    throw new HttpError(
      429,
      'locked',
      'this account is locked after repeated failed sign-ins; try again later',
      retryAfter(state),
    );
  }
  const user = await d.accounts.checkPassword(username, password);
  if (!user) {
    const left = await d.limits.byUser.consume(username).then(
      (r) => r.remainingPoints,
      () => 0,
    );
    await d.audit.append({ actor: safeName(username), action: left === 0 ? 'login.locked' : 'login.failed' });
    throw new HttpError(401, 'bad_credentials', 'wrong username or password');
  }
  await d.limits.byUser.delete(username);
  const { token, session } = await d.sessions.create(user.username);
  await d.audit.append({ actor: user.username, action: 'login' });
  return { status: 200, body: await describe(d, user.username, session.csrf), session: token };
}

export async function currentSession(ctx: Ctx, d: SessionDeps): Promise<Reply> {
  const p = principalOf(ctx);
  return ok(await describe(d, p.username, p.csrf));
}

export async function logout(ctx: Ctx, d: SessionDeps): Promise<Reply> {
  const p = principalOf(ctx);
  if (p.sessionToken) await d.sessions.destroy(p.sessionToken);
  await d.audit.append({ actor: p.username, action: 'logout' });
  return { status: 200, body: { signedOut: true }, session: null };
}

/** A name fit for the log: attempted usernames that are not valid names are not kept. */
const safeName = (u: string) => (isUsername(u) ? u : '(invalid name)');

/** The caller: a session cookie or an API token (read-only, one tenant, roles that may hold tokens). */
export async function resolvePrincipal(
  d: Pick<SessionDeps, 'accounts' | 'sessions'>,
  cookieToken: string | undefined,
  authorization: string | undefined,
): Promise<Principal | null> {
  if (authorization?.startsWith('Bearer ')) {
    const rec = await d.accounts.resolveToken(authorization.slice(7).trim());
    if (!rec) return null;
    const user = await d.accounts.user(rec.username);
    const role = (await d.accounts.memberships(rec.username))[rec.tenant];
    if (!user || !can(role, 'tokens') || !role) return null;
    return {
      username: user.username,
      name: user.name,
      via: 'token',
      csrf: null,
      sessionToken: null,
      roles: { [rec.tenant]: role },
    };
  }
  if (!cookieToken) return null;
  const s = await d.sessions.get(cookieToken);
  if (!s) return null;
  const user = await d.accounts.user(s.username);
  if (!user) return null;
  return {
    username: user.username,
    name: user.name,
    via: 'session',
    csrf: s.csrf,
    sessionToken: cookieToken,
    roles: await d.accounts.memberships(user.username),
  };
}
