import type { Permission, Role, TenantSettings, TokenScope } from '@trendwacht/shared';
import type { z } from 'zod';
import type { AuditLog } from './audit-log';
import type { IncidentStore } from './incidents';
import type { ReadDeps } from './queries';

/** A framework-free handler result; the Express adapter only sends it. */
export type Reply = {
  status: number;
  body: unknown;
  /** Set when the body is already serialised (exports). */
  contentType?: string;
  filename?: string;
  /** Session cookie to set (a value) or clear (null). */
  session?: string | null;
};

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterS?: number,
  ) {
    super(message);
  }
}

export type Principal = {
  username: string;
  name: string;
  via: 'session' | 'token';
  /** A token's scope (tokens only): what it may call, whatever its owner's role. */
  tokenScope?: TokenScope;
  /** The session's CSRF token (sessions only). */
  csrf: string | null;
  /** The cookie value (sessions only), to log out. */
  sessionToken: string | null;
  roles: Record<string, Role>;
};

/** What a tenant route works on: that tenant's keys and settings, and the caller's role there. */
export type Scope = ReadDeps & {
  tenant: string;
  role: Role;
  settings: TenantSettings;
  incidents: IncidentStore;
  audit: AuditLog;
};

export type Ctx = {
  principal: Principal | null;
  scope: Scope | null;
  params: Record<string, string>;
  query: unknown;
  body: unknown;
  ip: string;
};

/** Who may call a route: anyone, any signed-in user, or users holding a permission in the route's tenant. */
export type Access = 'public' | 'user' | Permission;

export function parseWith<T extends z.ZodTypeAny>(schema: T, input: unknown, what = 'query'): z.infer<T> {
  const r = schema.safeParse(input ?? {});
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new HttpError(400, 'bad_request', `${issue?.path.join('.') || what}: ${issue?.message ?? 'invalid'}`);
  }
  return r.data;
}

const ID = /^[a-z0-9-]{1,40}$/;
export function parseId(id: unknown): string {
  if (typeof id !== 'string' || !ID.test(id)) throw new HttpError(400, 'bad_request', 'id: not an id');
  return id;
}

/** The scope of a tenant route (the adapter guarantees one). */
export function scopeOf(ctx: Ctx): Scope {
  if (!ctx.scope) throw new HttpError(500, 'internal', 'tenant scope missing');
  return ctx.scope;
}

export function principalOf(ctx: Ctx): Principal {
  if (!ctx.principal) throw new HttpError(401, 'unauthenticated', 'sign in first');
  return ctx.principal;
}

export const ok = (body: unknown, status = 200): Reply => ({ status, body });
