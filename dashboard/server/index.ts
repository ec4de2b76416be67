import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { accountKeys, tenantKeys } from '@trendwacht/shared';
import { connectRedis, readSettings } from '@trendwacht/shared/node';
import { AccountStore } from './accounts/accounts';
import { SessionStore } from './accounts/sessions';
import { createApp } from './app';
import { AuditLog } from './audit-log';
import { MetricsExporter } from './metrics';
import { loginLimits } from './routes/session';
import { SseHub } from './sse';

export { AccountError, AccountStore } from './accounts/accounts';
export { generatePassword } from './accounts/passwords';
export { type DemoCredential, ensureDemoAccounts } from './accounts/demo';
export { AuditLog, type AuditChainKeys, type VerifyResult, checkEntries } from './audit-log';
export { ROUTES, T as TENANT_PREFIX } from './routes/table';
export { SESSION_COOKIE } from './app';

export type DashboardOptions = {
  redisUrl: string;
  keyPrefix: string;
  host: string;
  port: number;
  dev?: boolean;
  now?: () => number;
  webDist?: string;
  secureCookies?: boolean;
  trustProxy?: string;
  /** k of tenants that saved no settings (K_ANON). */
  defaultK?: number;
  /** Bearer token Prometheus sends to /metrics (METRICS_TOKEN); default: loopback only. */
  metricsToken?: string;
};

export type RunningDashboard = { url: string; port: number; hub: SseHub; close(): Promise<void> };

export const WEB_DIST = fileURLToPath(new URL('../web/dist', import.meta.url));
const VERSION = '0.1.0';

/** Serves every tenant: each request is checked against the caller's memberships. */
export async function startDashboard(o: DashboardOptions): Promise<RunningDashboard> {
  const redis = connectRedis(o.redisUrl);
  const now = o.now ?? Date.now;
  const akeys = accountKeys(o.keyPrefix);
  const hub = new SseHub(connectRedis(o.redisUrl));
  const accounts = new AccountStore(redis, akeys, now);
  const metrics = new MetricsExporter(redis, o.keyPrefix, accounts);
  const app = createApp({
    redis,
    root: o.keyPrefix,
    now,
    hub,
    webDist: o.webDist ?? WEB_DIST,
    version: VERSION,
    dev: o.dev ?? false,
    accounts,
    metrics,
    ...(o.metricsToken ? { metricsToken: o.metricsToken } : {}),
    sessions: new SessionStore(redis, akeys, now),
    limits: loginLimits(redis, akeys.limiter),
    kOf: async (tenant) => (await readSettings(redis, tenantKeys(o.keyPrefix, tenant), o.defaultK)).k,
    zoneOf: async (tenant) => (await readSettings(redis, tenantKeys(o.keyPrefix, tenant), o.defaultK)).timeZone,
    systemAudit: new AuditLog(redis, akeys, now),
    ...(o.secureCookies !== undefined ? { secureCookies: o.secureCookies } : {}),
    ...(o.trustProxy !== undefined ? { trustProxy: o.trustProxy } : {}),
    ...(o.defaultK !== undefined ? { defaultK: o.defaultK } : {}),
  });
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(o.port, o.host, () => resolve(s));
    s.once('error', reject);
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : o.port;
  return {
    url: `http://${o.host}:${port}/`,
    port,
    hub,
    close: async () => {
      await hub.close();
      await metrics.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await redis.quit().catch(() => undefined);
    },
  };
}
