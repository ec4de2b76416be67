import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { connectRedis, tenantKeys } from '@trendwacht/shared/node';
import { createApp } from './app';
import { SseHub } from './sse';

export type DashboardOptions = {
  redisUrl: string;
  keyPrefix: string;
  tenant: string;
  k: number;
  host: string;
  port: number;
  dev?: boolean;
  now?: () => number;
  webDist?: string;
};

export type RunningDashboard = { url: string; port: number; hub: SseHub; close(): Promise<void> };

export const WEB_DIST = fileURLToPath(new URL('../web/dist', import.meta.url));
const VERSION = '0.1.0';

export async function startDashboard(o: DashboardOptions): Promise<RunningDashboard> {
  const redis = connectRedis(o.redisUrl);
  const keys = tenantKeys(o.keyPrefix, o.tenant);
  const hub = new SseHub(connectRedis(o.redisUrl), keys.events);
  const app = createApp({
    redis,
    keys,
    k: o.k,
    now: o.now ?? Date.now,
    hub,
    webDist: o.webDist ?? WEB_DIST,
    version: VERSION,
    dev: o.dev ?? false,
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
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await redis.quit().catch(() => undefined);
    },
  };
}
