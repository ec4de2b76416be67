import type { AccountStore } from '../accounts/accounts';
import type { SessionStore } from '../accounts/sessions';
import type { AuditLog } from '../audit-log';
import type { Access, Ctx, Reply } from '../http';
import * as admin from './admin';
import { triageAlert } from './alert-triage';
import { exportSummary } from './exports';
import * as inc from './incidents';
import * as narratives from './narratives';
import * as notify from './notify';
import * as reads from './reads';
import * as session from './session';

export type RouteDeps = {
  accounts: AccountStore;
  sessions: SessionStore;
  limits: session.LoginLimits;
  /** The audit chain of events outside tenants (sign-ins). */
  systemAudit: AuditLog;
  /** A tenant's k (from its settings), shown with its name after sign-in. */
  kOf(tenant: string): Promise<number>;
  /** A tenant's time zone (from its settings), the one zone of its pages. */
  zoneOf?(tenant: string): Promise<string>;
};

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
export type Route = {
  method: Method;
  path: string;
  access: Access;
  /** Server-Sent Events: the adapter attaches the response to the tenant's live stream. */
  stream?: true;
  run(ctx: Ctx, d: RouteDeps): Promise<Reply>;
};

/** Tenant routes live under this prefix; the caller must be a member of `:tenant`. */
export const T = '/api/t/:tenant';

const sessionDeps = (d: RouteDeps): session.SessionDeps => ({ ...d, audit: d.systemAudit });
const none = async (): Promise<Reply> => ({ status: 204, body: null });

/** Every API route, with who may call it. The authorisation matrix test walks this table. */
export const ROUTES: Route[] = [
  { method: 'post', path: '/api/session', access: 'public', run: (c, d) => session.login(c, sessionDeps(d)) },
  { method: 'get', path: '/api/session', access: 'user', run: (c, d) => session.currentSession(c, sessionDeps(d)) },
  { method: 'delete', path: '/api/session', access: 'user', run: (c, d) => session.logout(c, sessionDeps(d)) },
  { method: 'get', path: '/api/guidance/:theme', access: 'user', run: reads.guidance },

  { method: 'get', path: `${T}/overview`, access: 'read', run: reads.overview },
  { method: 'get', path: `${T}/timeline`, access: 'read', run: reads.timeline },
  { method: 'get', path: `${T}/themes/:theme`, access: 'read', run: reads.themeDetail },
  { method: 'get', path: `${T}/stats`, access: 'read', run: reads.stats },
  { method: 'get', path: `${T}/alerts`, access: 'read', run: reads.alerts },
  { method: 'get', path: `${T}/alerts/:id`, access: 'read', run: reads.alert },
  { method: 'post', path: `${T}/alerts/:id/triage`, access: 'incidents.write', run: triageAlert },
  { method: 'get', path: `${T}/narratives`, access: 'read', run: narratives.list },
  { method: 'get', path: `${T}/narratives/:id`, access: 'read', run: narratives.detail },
  { method: 'get', path: `${T}/narratives/:id/dossier`, access: 'read', run: narratives.dossier },
  { method: 'post', path: `${T}/narratives/:id/curate`, access: 'narratives.curate', run: narratives.curateNarrative },
  { method: 'post', path: `${T}/narratives/:id/responses`, access: 'narratives.respond', run: narratives.respond },
  { method: 'get', path: `${T}/stream`, access: 'read', stream: true, run: none },

  { method: 'get', path: `${T}/incidents`, access: 'incidents.read', run: (c, d) => inc.listIncidents(c, d.accounts) },
  { method: 'post', path: `${T}/incidents`, access: 'incidents.write', run: inc.createIncident },
  { method: 'get', path: `${T}/incidents/:id`, access: 'incidents.read', run: inc.getIncident },
  {
    method: 'patch',
    path: `${T}/incidents/:id`,
    access: 'incidents.write',
    run: (c, d) => inc.patchIncident(c, d.accounts),
  },
  { method: 'delete', path: `${T}/incidents/:id`, access: 'incidents.delete', run: inc.deleteIncident },
  { method: 'post', path: `${T}/incidents/:id/notes`, access: 'incidents.write', run: inc.addIncidentNote },
  { method: 'post', path: `${T}/incidents/:id/links`, access: 'incidents.write', run: inc.linkIncident },

  { method: 'get', path: `${T}/export`, access: 'export', run: exportSummary },
  { method: 'get', path: `${T}/tokens`, access: 'tokens', run: (c, d) => admin.listTokens(c, d.accounts) },
  { method: 'post', path: `${T}/tokens`, access: 'tokens', run: (c, d) => admin.createToken(c, d.accounts) },
  { method: 'delete', path: `${T}/tokens/:id`, access: 'tokens', run: (c, d) => admin.revokeToken(c, d.accounts) },

  { method: 'get', path: `${T}/settings`, access: 'settings.read', run: admin.getSettings },
  { method: 'get', path: `${T}/sources`, access: 'settings.read', run: admin.sources },
  { method: 'get', path: `${T}/notify`, access: 'settings.read', run: notify.notifyTargets },
  { method: 'post', path: `${T}/notify/:id/test`, access: 'settings.write', run: notify.testNotify },
  { method: 'get', path: `${T}/sources/config`, access: 'settings.read', run: admin.getSourceConfig },
  { method: 'put', path: `${T}/sources/config`, access: 'settings.write', run: admin.putSourceConfig },
  { method: 'put', path: `${T}/settings`, access: 'settings.write', run: admin.putSettings },
  { method: 'get', path: `${T}/users`, access: 'users.manage', run: (c, d) => admin.listUsers(c, d.accounts) },
  { method: 'post', path: `${T}/users`, access: 'users.manage', run: (c, d) => admin.addUser(c, d.accounts) },
  {
    method: 'patch',
    path: `${T}/users/:username`,
    access: 'users.manage',
    run: (c, d) => admin.setUserRole(c, d.accounts),
  },
  {
    method: 'delete',
    path: `${T}/users/:username`,
    access: 'users.manage',
    run: (c, d) => admin.removeUser(c, d.accounts, d.sessions),
  },
  { method: 'get', path: `${T}/audit`, access: 'audit.read', run: admin.auditPage },
  { method: 'get', path: `${T}/audit/verify`, access: 'audit.read', run: admin.auditVerify },
];
