import {
  AuditQuery,
  NewMemberBody,
  NewTokenBody,
  RolePatchBody,
  type SourceListing,
  type TenantSettings,
  TenantSettingsSchema,
  TenantSourcesSchema,
  foreignSourceSecrets,
  inSecretNamespace,
  secretNamespaceMessage,
} from '@trendwacht/shared';
import { readSources, writeSettings, writeSources } from '@trendwacht/shared/node';
import { z } from 'zod';
import { AccountError, type AccountStore, assertUsername } from '../accounts/accounts';
import type { SessionStore } from '../accounts/sessions';
import { type Ctx, HttpError, type Reply, ok, parseWith, principalOf, scopeOf } from '../http';

/** Account errors are the caller's: 400 (invalid), 409 (exists), 404 (not found). */
export async function accountCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (!(e instanceof AccountError)) throw e;
    const status = e.code === 'invalid' ? 400 : e.code === 'exists' ? 409 : 404;
    throw new HttpError(status, e.code === 'invalid' ? 'bad_request' : e.code, e.message);
  }
}

export async function getSettings(ctx: Ctx): Promise<Reply> {
  return ok(scopeOf(ctx).settings);
}

export async function putSettings(ctx: Ctx): Promise<Reply> {
  const s = scopeOf(ctx);
  // Fields left out keep their current values: `PUT {}` used to reset k, terms and
  // notification targets to the defaults without a word (issue 22).
  const body = ctx.body && typeof ctx.body === 'object' && !Array.isArray(ctx.body) ? ctx.body : null;
  if (!body) throw new HttpError(400, 'bad_request', 'body: must be a JSON object of settings');
  const next = parseWith(TenantSettingsSchema, { ...s.settings, ...body }, 'body');
  refuseForeignNotifySecrets(s.tenant, next);
  await writeSettings(s.redis, s.keys, next);
  const added = next.watchTerms.filter((t) => !s.settings.watchTerms.includes(t)).length;
  const removed = s.settings.watchTerms.filter((t) => !next.watchTerms.includes(t)).length;
  const themeTerms = (x: typeof next) =>
    Object.entries(x.themeTerms).flatMap(([id, ts]) => ts.map((t) => `${id}:${t}`));
  const before = new Set(themeTerms(s.settings));
  const after = new Set(themeTerms(next));
  await s.audit.append({
    actor: principalOf(ctx).username,
    action: 'settings.update',
    target: s.tenant,
    detail: {
      k: next.k,
      sensitivity: next.sensitivity,
      watchTermsAdded: added,
      watchTermsRemoved: removed,
      themeTermsAdded: [...after].filter((t) => !before.has(t)).length,
      themeTermsRemoved: [...before].filter((t) => !after.has(t)).length,
      notifyTargets: next.notify.map((t) => t.id).join(','),
      // Local relevance: how many names, never which (the list is the tenant's own business).
      gazetteerNames: Object.values(next.gazetteer).reduce((n, l) => n + l.length, 0),
      officials: next.officials.length,
      localSources: next.localSources.join(','),
      streams: next.streams.join(','),
    },
  });
  return ok(next);
}

/** A destination may only name its tenant's secrets (never the seal key, REDIS_URL, another tenant's). */
function refuseForeignNotifySecrets(tenant: string, settings: TenantSettings): void {
  for (const [i, t] of settings.notify.entries()) {
    for (const field of ['urlEnv', 'secretEnv'] as const) {
      const name = t[field];
      if (name !== undefined && !inSecretNamespace(tenant, name)) {
        throw new HttpError(400, 'bad_request', `notify.${i}.${field}: ${secretNamespaceMessage(tenant)}`);
      }
    }
  }
}

export async function listUsers(ctx: Ctx, accounts: AccountStore): Promise<Reply> {
  return ok({ users: await accounts.members(scopeOf(ctx).tenant) });
}

/**
 * Adds a member: an existing user gets the role here, a new user is created (with a
 * generated password shown once when none is given).
 */
export async function addUser(ctx: Ctx, accounts: AccountStore): Promise<Reply> {
  const s = scopeOf(ctx);
  const m = parseWith(NewMemberBody, ctx.body, 'body');
  await accountCall(async () => assertUsername(m.username));
  // An admin names only accounts of their own municipality (`…@<tenant>`), or current
  // members: adding another tenant's user would tell whether it exists, its name and age,
  // and make it join silently (issue 22). Operators grant across tenants (`users grant`).
  const member = (await accounts.memberships(m.username))[s.tenant] !== undefined;
  if (!member && !m.username.endsWith(`@${s.tenant}`)) {
    throw new HttpError(
      400,
      'bad_request',
      `username: must end with @${s.tenant} (accounts of other municipalities are added by an operator)`,
    );
  }
  let password: string | undefined;
  if (!(await accounts.user(m.username))) {
    password = (await accountCall(() => accounts.createUser(m.username, m.name, m.password))).password;
  }
  await accountCall(() => accounts.grant(m.username, s.tenant, m.role));
  await s.audit.append({
    actor: principalOf(ctx).username,
    action: 'user.add',
    target: m.username,
    detail: { role: m.role, created: password !== undefined },
  });
  return ok({ username: m.username, role: m.role, ...(password && !m.password ? { password } : {}) }, 201);
}

export async function setUserRole(ctx: Ctx, accounts: AccountStore): Promise<Reply> {
  const s = scopeOf(ctx);
  const username = ctx.params.username ?? '';
  const { role } = parseWith(RolePatchBody, ctx.body, 'body');
  if (!(await accounts.memberships(username))[s.tenant]) throw new HttpError(404, 'not_found', 'no such member');
  await accountCall(() => accounts.grant(username, s.tenant, role));
  await s.audit.append({ actor: principalOf(ctx).username, action: 'user.role', target: username, detail: { role } });
  return ok({ username, role });
}

export async function removeUser(ctx: Ctx, accounts: AccountStore, sessions: SessionStore): Promise<Reply> {
  const s = scopeOf(ctx);
  const username = ctx.params.username ?? '';
  if (username === principalOf(ctx).username)
    throw new HttpError(400, 'bad_request', 'username: you cannot remove yourself');
  if (!(await accounts.revoke(username, s.tenant))) throw new HttpError(404, 'not_found', 'no such member');
  // Sessions carry no roles (read on each request), but end them anyway: the change is immediate.
  if (Object.keys(await accounts.memberships(username)).length === 0) await sessions.destroyAll(username);
  await s.audit.append({ actor: principalOf(ctx).username, action: 'user.remove', target: username });
  return ok({ username, removed: true });
}

export async function auditPage(ctx: Ctx): Promise<Reply> {
  const s = scopeOf(ctx);
  const q = parseWith(AuditQuery, ctx.query);
  return ok({ entries: await s.audit.page(q.limit, q.before) });
}

export async function auditVerify(ctx: Ctx): Promise<Reply> {
  return ok(await scopeOf(ctx).audit.verify());
}

export async function listTokens(ctx: Ctx, accounts: AccountStore): Promise<Reply> {
  return ok({ tokens: await accounts.tokens(principalOf(ctx).username, scopeOf(ctx).tenant) });
}

export async function createToken(ctx: Ctx, accounts: AccountStore): Promise<Reply> {
  const s = scopeOf(ctx);
  const who = principalOf(ctx).username;
  const { label, scope } = parseWith(NewTokenBody, ctx.body, 'body');
  const { token, record } = await accounts.createToken(who, s.tenant, label, scope);
  await s.audit.append({ actor: who, action: 'token.create', target: record.id, detail: { scope } });
  return ok({ ...record, token }, 201);
}

export async function revokeToken(ctx: Ctx, accounts: AccountStore): Promise<Reply> {
  const s = scopeOf(ctx);
  const who = principalOf(ctx).username;
  const id = ctx.params.id ?? '';
  if (!(await accounts.revokeToken(who, id, s.tenant))) throw new HttpError(404, 'not_found', 'no such token');
  await s.audit.append({ actor: who, action: 'token.revoke', target: id });
  return ok({ id, revoked: true });
}

/** Connectors' health as ingest last reported it; `stale` when a running one sent no report for 30 s. */
export async function sources(ctx: Ctx): Promise<Reply> {
  const s = scopeOf(ctx);
  const raw = await s.redis.hgetall(s.keys.sources);
  const list = Object.entries(raw).map(([name, json]) => {
    const h = JSON.parse(json) as Record<string, unknown> & { reportedAt?: number };
    // A stopped source (ended, or unable to start: see lastError) reports no more.
    return { name, ...h, stale: h.state !== 'stopped' && s.now() - Number(h.reportedAt ?? 0) > 30_000 };
  });
  return ok({ sources: list.sort((a, b) => a.name.localeCompare(b.name)) });
}

async function sourceListing(ctx: Ctx): Promise<SourceListing[]> {
  const s = scopeOf(ctx);
  const { file, settings } = await readSources(s.redis, s.keys);
  return [
    ...file.map((source): SourceListing => ({ source, origin: 'file' })),
    ...settings.map((source): SourceListing => ({ source, origin: 'settings' })),
  ];
}

/** The tenant's configured sources: the config file's (read-only here) and the settings page's. */
export async function getSourceConfig(ctx: Ctx): Promise<Reply> {
  return ok({ sources: await sourceListing(ctx) });
}

const SourcesBody = z.object({ sources: TenantSourcesSchema });

/**
 * Replaces the settings page's sources (the ingest runner picks the change up within
 * 30 s). Holds no secrets: a source names the environment variable of its token.
 */
export async function putSourceConfig(ctx: Ctx): Promise<Reply> {
  const s = scopeOf(ctx);
  const { sources: next } = parseWith(SourcesBody, ctx.body, 'body');
  const foreign = foreignSourceSecrets(s.tenant, next)[0];
  if (foreign) throw new HttpError(400, 'bad_request', `sources.${foreign.path.join('.')}: ${foreign.message}`);
  const { file, settings } = await readSources(s.redis, s.keys);
  const taken = next.find((n) => file.some((f) => f.id === n.id));
  if (taken) throw new HttpError(409, 'exists', `sources: id ${taken.id} is already used in the config file`);
  await writeSources(s.redis, s.keys, 'settings', next);
  const ids = (list: { id: string }[]) => new Set(list.map((x) => x.id));
  const before = ids(settings);
  const after = ids(next);
  await s.audit.append({
    actor: principalOf(ctx).username,
    action: 'sources.update',
    target: s.tenant,
    detail: {
      added: [...after].filter((id) => !before.has(id)).join(',') || null,
      removed: [...before].filter((id) => !after.has(id)).join(',') || null,
      enabled: next.filter((x) => x.enabled).length,
    },
  });
  return ok({ sources: await sourceListing(ctx) });
}
