import { startDashboard } from '@trendwacht/dashboard';
import { createLogger, requireRedisUrl } from '@trendwacht/shared/node';
import { type Command, intOption, parse } from '../command';
import { onShutdown } from '../signals';

export const dashboardCommand: Command = {
  name: 'dashboard',
  summary: 'serve the dashboard and its API (REST + live SSE) on HOST:PORT, for every tenant',
  usage: `Usage: trendwacht dashboard [--port N]

Serves the built React app (npm run build) and the API (see README, "API"). Every route
but /api/health needs a signed-in user (session cookie) or an analyst's API token, and
checks the caller's role in the tenant of the route (/api/t/<tenant>/…).
Create tenants and users with \`trendwacht tenants\` and \`trendwacht users\`.
Set COOKIE_SECURE=true behind an HTTPS proxy. Needs REDIS_URL.`,
  async run(args, config) {
    const { values } = parse(args, { port: { type: 'string' } });
    const log = createLogger('dashboard', config.logLevel);
    const running = await startDashboard({
      redisUrl: requireRedisUrl(config),
      keyPrefix: config.keyPrefix,
      host: config.host,
      port: intOption('port', values.port, config.port),
      dev: config.env === 'development',
      secureCookies: config.cookieSecure,
      defaultK: config.k,
      ...(config.metricsToken ? { metricsToken: config.metricsToken } : {}),
      ...(config.trustProxy ? { trustProxy: config.trustProxy } : {}),
    });
    log.info({ url: running.url }, 'dashboard listening');
    await new Promise<void>((resolve) =>
      onShutdown(async () => {
        await running.close();
        resolve();
      }),
    );
    return 0;
  },
};
