import { z } from 'zod';
import { AuditEntrySchema } from '../audit';
import { NotifyTargetSchema } from '../notify';
import { ROLES, TOKEN_SCOPES } from '../roles';
import { TenantSettingsSchema } from '../settings';
import { SourceConfigSchema, TenantSourcesSchema } from '../sources';
import { TENANT, epochMs, route } from './contract';

// --- Session ---
export const LoginBody = z.object({ username: z.string().trim().toLowerCase().max(64), password: z.string().max(400) });
/** What the browser needs after sign-in: who, which tenants with which role, the CSRF token. */
export const SessionInfoSchema = z.object({
  user: z.object({ username: z.string(), name: z.string() }),
  tenants: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      role: z.enum(ROLES),
      k: z.number().int(),
      timeZone: z.string().optional(),
    }),
  ),
  csrf: z.string().nullable(),
});
export type SessionInfo = z.infer<typeof SessionInfoSchema>;

// --- Members and tokens ---
export const MemberSchema = z.object({
  username: z.string(),
  name: z.string(),
  createdAt: epochMs,
  role: z.enum(ROLES),
});
export type Member = z.infer<typeof MemberSchema>;
export const NewMemberBody = z.object({
  username: z.string().trim().toLowerCase(),
  name: z.string().max(100).default(''),
  role: z.enum(ROLES),
  password: z.string().optional(),
});
export const RolePatchBody = z.object({ role: z.enum(ROLES) });
export const TokenSchema = z.object({
  id: z.string(),
  username: z.string(),
  tenant: z.string(),
  label: z.string(),
  createdAt: epochMs,
  scope: z.enum(TOKEN_SCOPES),
});
export type TokenInfo = z.infer<typeof TokenSchema>;
export const NewTokenBody = z.object({
  label: z.string().trim().min(1, 'must not be empty').max(80),
  scope: z.enum(TOKEN_SCOPES).default('export'),
});

// --- Sources ---
/** What ingest reports of a connector (`ConnectorHealth`), one hash field per source. */
export const ConnectorHealthSchema = z.object({
  state: z.enum(['connecting', 'connected', 'backoff', 'stopped']),
  /** Mapper version in use (a format change is a new version). */
  mapper: z.string(),
  connectedSince: epochMs.nullable(),
  lastItemAt: epochMs.nullable(),
  /** Arrival time minus the post's own time, for the last post (ms). */
  lagMs: z.number().nullable(),
  reconnects: z.number().int(),
  errors: z.number().int(),
  /** The last error's kind (a code or HTTP status — never a URL with secrets or content). */
  lastError: z.string().nullable(),
});
export type ConnectorHealth = z.infer<typeof ConnectorHealthSchema>;
/** A connector's health as `GET …/sources` shows it (older reports may lack fields). */
export const SourceHealthSchema = ConnectorHealthSchema.partial().extend({
  name: z.string(),
  state: ConnectorHealthSchema.shape.state,
  reportedAt: epochMs.optional(),
  /** A running source that sent no report for 30 s. */
  stale: z.boolean(),
});
export type SourceHealth = z.infer<typeof SourceHealthSchema>;
export const SourceListingSchema = z.object({ source: SourceConfigSchema, origin: z.enum(['file', 'settings']) });
export const SourceListingsSchema = z.object({ sources: z.array(SourceListingSchema) });

// --- Notification targets ---
export const NotifyStatusSchema = z.object({
  delivered: z.number().int(),
  failed: z.number().int(),
  lastOkAt: epochMs.nullable(),
  lastErrorAt: epochMs.nullable(),
  lastError: z.string().nullable(),
});
export const NotifyListingSchema = z.object({
  targets: z.array(NotifyTargetSchema),
  status: z.record(NotifyStatusSchema),
});

// --- Audit ---
export const AuditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.coerce.number().int().positive().optional(),
});
export const AuditVerifySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), entries: z.number().int(), archived: z.number().int(), head: z.string() }),
  z.object({ ok: z.literal(false), seq: z.number().int(), reason: z.string() }),
]);

export const SESSION_ROUTES = {
  login: route({
    method: 'post',
    path: '/api/session',
    summary: 'Sign in (sets the session cookie)',
    body: LoginBody,
    response: SessionInfoSchema,
  }),
  session: route({ method: 'get', path: '/api/session', summary: 'Who is signed in', response: SessionInfoSchema }),
  logout: route({
    method: 'delete',
    path: '/api/session',
    summary: 'Sign out',
    response: z.object({ signedOut: z.literal(true) }),
  }),
} as const;

export const ADMIN_ROUTES = {
  settings: route({
    method: 'get',
    path: `${TENANT}/settings`,
    summary: 'The tenant’s settings',
    response: TenantSettingsSchema,
  }),
  putSettings: route({
    method: 'put',
    path: `${TENANT}/settings`,
    summary: 'Change settings (fields left out keep their values)',
    body: TenantSettingsSchema.partial(),
    response: TenantSettingsSchema,
  }),
  sources: route({
    method: 'get',
    path: `${TENANT}/sources`,
    summary: 'Connectors’ health',
    response: z.object({ sources: z.array(SourceHealthSchema) }),
  }),
  sourceConfig: route({
    method: 'get',
    path: `${TENANT}/sources/config`,
    summary: 'Configured sources (config file and settings page)',
    response: SourceListingsSchema,
  }),
  putSourceConfig: route({
    method: 'put',
    path: `${TENANT}/sources/config`,
    summary: 'Replace the settings page’s sources',
    body: z.object({ sources: TenantSourcesSchema }),
    response: SourceListingsSchema,
  }),
  notify: route({
    method: 'get',
    path: `${TENANT}/notify`,
    summary: 'Notification targets and their delivery status',
    response: NotifyListingSchema,
  }),
  testNotify: route({
    method: 'post',
    path: `${TENANT}/notify/:id/test`,
    summary: 'Queue a test message to a target',
    status: 202,
    response: z.object({ queued: z.literal(true) }),
  }),
  users: route({
    method: 'get',
    path: `${TENANT}/users`,
    summary: 'Members of the tenant',
    response: z.object({ users: z.array(MemberSchema) }),
  }),
  addUser: route({
    method: 'post',
    path: `${TENANT}/users`,
    summary: 'Add a member (a new account gets a generated password, shown once)',
    body: NewMemberBody,
    status: 201,
    response: z.object({ username: z.string(), role: z.enum(ROLES), password: z.string().optional() }),
  }),
  setUserRole: route({
    method: 'patch',
    path: `${TENANT}/users/:username`,
    summary: 'Change a member’s role',
    body: RolePatchBody,
    response: z.object({ username: z.string(), role: z.enum(ROLES) }),
  }),
  removeUser: route({
    method: 'delete',
    path: `${TENANT}/users/:username`,
    summary: 'Remove a member',
    response: z.object({ username: z.string(), removed: z.literal(true) }),
  }),
  tokens: route({
    method: 'get',
    path: `${TENANT}/tokens`,
    summary: 'Your API tokens for this tenant',
    response: z.object({ tokens: z.array(TokenSchema) }),
  }),
  createToken: route({
    method: 'post',
    path: `${TENANT}/tokens`,
    summary: 'Create an API token (shown once)',
    body: NewTokenBody,
    status: 201,
    response: TokenSchema.extend({ token: z.string() }),
  }),
  revokeToken: route({
    method: 'delete',
    path: `${TENANT}/tokens/:id`,
    summary: 'Revoke an API token',
    response: z.object({ id: z.string(), revoked: z.literal(true) }),
  }),
  audit: route({
    method: 'get',
    path: `${TENANT}/audit`,
    summary: 'The audit log, newest first',
    query: AuditQuery,
    response: z.object({ entries: z.array(AuditEntrySchema) }),
  }),
  auditVerify: route({
    method: 'get',
    path: `${TENANT}/audit/verify`,
    summary: 'Check the audit hash chain',
    response: AuditVerifySchema,
  }),
} as const;
