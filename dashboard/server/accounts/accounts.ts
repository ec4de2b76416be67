import { createHash, randomBytes } from 'node:crypto';
import {
  type AccountKeys,
  ROLES,
  type Role,
  type TokenScope,
  assertName,
  secretPrefix,
  secretPrefixesOverlap,
} from '@trendwacht/shared';
import type { RedisClient } from '@trendwacht/shared/node';
import { safeText } from '../text';
import { dummyHash, generatePassword, hashPassword, passwordProblem, verifyPassword } from './passwords';

export type TenantRecord = { id: string; name: string; createdAt: number };
export type UserRecord = { username: string; name: string; createdAt: number };
export type Member = UserRecord & { role: Role };
export type TokenRecord = {
  id: string;
  username: string;
  tenant: string;
  label: string;
  createdAt: number;
  /** What the token may call (tokens made before scopes: `export`). */
  scope: TokenScope;
};

const USERNAME = /^[a-z0-9][a-z0-9._@-]{1,63}$/;
export const isUsername = (u: string) => USERNAME.test(u);

/** A refused account operation, with a message safe to show (no secrets). */
export class AccountError extends Error {
  constructor(
    readonly code: 'invalid' | 'exists' | 'not_found',
    message: string,
  ) {
    super(message);
  }
}

export function assertUsername(username: string): void {
  if (!USERNAME.test(username)) {
    throw new AccountError('invalid', 'username: 2-64 lowercase letters, digits, ".", "_", "@" or "-"');
  }
}

export function assertRole(role: string): asserts role is Role {
  if (!(ROLES as readonly string[]).includes(role)) {
    throw new AccountError('invalid', `role: one of ${ROLES.join(', ')}`);
  }
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Tenants, users, memberships and API tokens in Redis. Secrets are stored only hashed. */
export class AccountStore {
  constructor(
    private readonly redis: RedisClient,
    readonly keys: AccountKeys,
    private readonly now: () => number = Date.now,
  ) {}

  async createTenant(id: string, name: string): Promise<TenantRecord> {
    try {
      assertName('tenant', id);
    } catch (e) {
      throw new AccountError('invalid', (e as Error).message);
    }
    // Secret namespaces must not overlap: `gent` owns TW_GENT_…, so `gent-x` (TW_GENT_X_…) would share it.
    const overlapping = (await this.redis.hkeys(this.keys.tenants)).find(
      (o) => o !== id && secretPrefixesOverlap(o, id),
    );
    if (overlapping) {
      throw new AccountError(
        'invalid',
        `tenant ${id}: its secret namespace ${secretPrefix(id)}… overlaps that of tenant ${overlapping}; choose another id`,
      );
    }
    const t: TenantRecord = { id, name: safeText(name).trim().slice(0, 100) || id, createdAt: this.now() };
    if (!(await this.redis.hsetnx(this.keys.tenants, id, JSON.stringify(t)))) {
      throw new AccountError('exists', `tenant ${id} exists`);
    }
    return t;
  }

  async tenant(id: string): Promise<TenantRecord | null> {
    const raw = await this.redis.hget(this.keys.tenants, id);
    return raw ? (JSON.parse(raw) as TenantRecord) : null;
  }

  /** Removes a tenant from the accounts: its members (and their tokens for it), then the tenant. Returns the members it had. */
  async deleteTenant(id: string): Promise<number> {
    const members = Object.keys(await this.redis.hgetall(this.keys.members(id)));
    for (const username of members) await this.revoke(username, id);
    await this.redis.del(this.keys.members(id));
    await this.redis.hdel(this.keys.tenants, id);
    return members.length;
  }

  async tenants(): Promise<TenantRecord[]> {
    const all = await this.redis.hvals(this.keys.tenants);
    return all.map((r) => JSON.parse(r) as TenantRecord).sort((a, b) => a.id.localeCompare(b.id));
  }

  /** Creates a user; without a password one is generated and returned (shown once). */
  async createUser(username: string, name: string, password?: string): Promise<{ user: UserRecord; password: string }> {
    assertUsername(username);
    const pw = password ?? generatePassword();
    const problem = passwordProblem(pw);
    if (problem) throw new AccountError('invalid', problem);
    const user: UserRecord = { username, name: safeText(name).trim().slice(0, 100) || username, createdAt: this.now() };
    const hash = await hashPassword(pw);
    if (!(await this.redis.sadd(this.keys.users, username)))
      throw new AccountError('exists', `user ${username} exists`);
    await this.redis.hset(this.keys.user(username), {
      name: user.name,
      createdAt: user.createdAt,
      passwordHash: hash,
    });
    return { user, password: pw };
  }

  async user(username: string): Promise<UserRecord | null> {
    const h = await this.redis.hgetall(this.keys.user(username));
    if (!h.passwordHash) return null;
    return { username, name: h.name ?? username, createdAt: Number(h.createdAt) };
  }

  /** The user when the password matches; null otherwise (same cost for unknown users). */
  async checkPassword(username: string, password: string): Promise<UserRecord | null> {
    const stored = isUsername(username) ? await this.redis.hget(this.keys.user(username), 'passwordHash') : null;
    const ok = await verifyPassword(password, stored ?? (await dummyHash()));
    return ok && stored ? this.user(username) : null;
  }

  async setPassword(username: string, password: string): Promise<void> {
    const problem = passwordProblem(password);
    if (problem) throw new AccountError('invalid', problem);
    if (!(await this.user(username))) throw new AccountError('not_found', `no user ${username}`);
    await this.redis.hset(this.keys.user(username), 'passwordHash', await hashPassword(password));
  }

  async grant(username: string, tenant: string, role: string): Promise<void> {
    assertRole(role);
    if (!(await this.user(username))) throw new AccountError('not_found', `no user ${username}`);
    if (!(await this.tenant(tenant))) throw new AccountError('not_found', `no tenant ${tenant}`);
    await this.redis
      .multi()
      .hset(this.keys.members(tenant), username, role)
      .sadd(this.keys.userTenants(username), tenant)
      .exec();
  }

  async revoke(username: string, tenant: string): Promise<boolean> {
    const res = await this.redis
      .multi()
      .hdel(this.keys.members(tenant), username)
      .srem(this.keys.userTenants(username), tenant)
      .exec();
    // The user's tokens for that tenant go with the membership.
    for (const t of await this.tokens(username, tenant)) await this.revokeToken(username, t.id);
    return Number(res?.[0]?.[1] ?? 0) > 0;
  }

  /** The user's role in each of their tenants. */
  async memberships(username: string): Promise<Record<string, Role>> {
    const tenants = await this.redis.smembers(this.keys.userTenants(username));
    const out: Record<string, Role> = {};
    if (tenants.length === 0) return out;
    const pipe = this.redis.pipeline();
    for (const t of tenants) pipe.hget(this.keys.members(t), username);
    const res = (await pipe.exec()) ?? [];
    tenants.forEach((t, i) => {
      const role = res[i]?.[1];
      if (typeof role === 'string' && (ROLES as readonly string[]).includes(role)) out[t] = role as Role;
    });
    return out;
  }

  async members(tenant: string): Promise<Member[]> {
    const roles = await this.redis.hgetall(this.keys.members(tenant));
    const out: Member[] = [];
    for (const [username, role] of Object.entries(roles)) {
      const u = await this.user(username);
      if (u) out.push({ ...u, role: role as Role });
    }
    return out.sort((a, b) => a.username.localeCompare(b.username));
  }

  /** A new API token for one tenant; the secret is returned once and stored hashed. */
  async createToken(
    username: string,
    tenant: string,
    label: string,
    scope: TokenScope = 'export',
  ): Promise<{ token: string; record: TokenRecord }> {
    const token = `twk_${randomBytes(32).toString('base64url')}`;
    const record: TokenRecord = {
      id: randomBytes(6).toString('hex'),
      username,
      tenant,
      label: label.trim().slice(0, 80) || 'token',
      createdAt: this.now(),
      scope,
    };
    await this.redis.hset(this.keys.tokens, sha256(token), JSON.stringify(record));
    return { token, record };
  }

  async resolveToken(token: string): Promise<TokenRecord | null> {
    if (!token.startsWith('twk_') || token.length > 100) return null;
    const raw = await this.redis.hget(this.keys.tokens, sha256(token));
    return raw ? withScope(JSON.parse(raw) as TokenRecord) : null;
  }

  async tokens(username: string, tenant: string): Promise<TokenRecord[]> {
    return (await this.allTokens())
      .map(([, r]) => r)
      .filter((r) => r.username === username && r.tenant === tenant)
      .sort((a, b) => b.createdAt - a.createdAt);
  }

  async revokeToken(username: string, id: string, tenant?: string): Promise<boolean> {
    for (const [digest, r] of await this.allTokens()) {
      if (r.id === id && r.username === username && (tenant === undefined || r.tenant === tenant))
        return (await this.redis.hdel(this.keys.tokens, digest)) > 0;
    }
    return false;
  }

  private async allTokens(): Promise<[string, TokenRecord][]> {
    const all = await this.redis.hgetall(this.keys.tokens);
    return Object.entries(all).map(([d, raw]) => [d, withScope(JSON.parse(raw) as TokenRecord)]);
  }
}

/** Tokens stored before scopes existed may export only (the narrowest scope). */
const withScope = (r: TokenRecord): TokenRecord => ({ ...r, scope: r.scope ?? 'export' });
