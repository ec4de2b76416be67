import { LoginBody, can } from '@trendwacht/shared';
import type { RedisClient } from '@trendwacht/shared/node';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { type AccountStore, isUsername } from '../accounts/accounts';
import type { SessionStore } from '../accounts/sessions';
import type { AuditLog } from '../audit-log';
import { type Ctx, HttpError, type Principal, type Reply, ok, parseWith, principalOf } from '../http';

/**
 * Failed sign-ins for one account *from one address* before that pair waits, and how long:
 * 1 minute, doubling with each lock of the same pair within a day, at most 15 minutes.
 * Keyed on account + address so that someone guessing elsewhere slows themselves, never
 * the owner (a crisis team must be able to sign in during an incident); each address
 * also has a budget over all accounts.
 */
export const LOCKOUT = { failures: 5, firstSeconds: 60, maxSeconds: 15 * 60 };
const PER_ADDRESS = { attempts: 30, seconds: 15 * 60 };
const DAY_S = 24 * 3600;

export type LoginLimits = { byPair: RateLimiterRedis; strikes: RateLimiterRedis; byAddress: RateLimiterRedis };

export function loginLimits(redis: RedisClient, prefix: string): LoginLimits {
  return {
    byPair: new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${prefix}:pair`,
      points: LOCKOUT.failures,
      duration: LOCKOUT.maxSeconds,
    }),
    strikes: new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${prefix}:strikes`,
      points: 1000,
      duration: DAY_S,
    }),
    byAddress: new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${prefix}:ip`,
      points: PER_ADDRESS.attempts,
      duration: PER_ADDRESS.seconds,
    }),
  };
}

/** The back-off after the n-th lock of one account + address pair. */
export const backoffSeconds = (n: number) =>
  Math.min(LOCKOUT.maxSeconds, LOCKOUT.firstSeconds * 2 ** Math.max(0, n - 1));

export type SessionDeps = {
  accounts: AccountStore;
  sessions: SessionStore;
  limits: LoginLimits;
  audit: AuditLog;
  kOf(tenant: string): Promise<number>;
  /** A tenant's time zone (its setting): every time on its pages is shown in it. */
  zoneOf?(tenant: string): Promise<string>;
};

const retryAfter = (e: unknown) => (e instanceof RateLimiterRes ? Math.ceil(e.msBeforeNext / 1000) : 60);

/** What the browser needs after sign-in: who, which tenants with which role, the CSRF token. */
async function describe(d: SessionDeps, username: string, csrf: string | null) {
  const user = await d.accounts.user(username);
  const roles = await d.accounts.memberships(username);
  const tenants = [];
  for (const [id, role] of Object.entries(roles)) {
    const t = await d.accounts.tenant(id);
    if (t) tenants.push({ id, name: t.name, role, k: await d.kOf(id), timeZone: await d.zoneOf?.(id) });
  }
  tenants.sort((a, b) => a.name.localeCompare(b.name));
  return { user: { username, name: user?.name ?? username }, tenants, csrf };
}

export async function login(ctx: Ctx, d: SessionDeps): Promise<Reply> {
  const { username, password } = parseWith(LoginBody, ctx.body, 'body');
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
  const pair = `${username}|${ctx.ip}`;
  const state = await d.limits.byPair.get(pair);
  if (state && state.consumedPoints > LOCKOUT.failures) {
    throw new HttpError(
      429,
      'locked',
      'too many failed sign-ins for this account from this address; try again later',
      retryAfter(state),
    );
  }
  const user = await d.accounts.checkPassword(username, password);
  if (!user) {
    const left = await d.limits.byPair.consume(pair).then(
      (r) => r.remainingPoints,
      () => 0,
    );
    if (left === 0) {
      const strikes = await d.limits.strikes.consume(pair).then(
        (r) => r.consumedPoints,
        () => 1000,
      );
      await d.limits.byPair.block(pair, backoffSeconds(strikes));
    }
    await d.audit.append({ actor: safeName(username), action: left === 0 ? 'login.locked' : 'login.failed' });
    throw new HttpError(401, 'bad_credentials', 'wrong username or password');
  }
  await d.limits.byPair.delete(pair);
  await d.limits.strikes.delete(pair);
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
      tokenScope: rec.scope,
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
