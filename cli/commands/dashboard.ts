import { startDashboard } from '@trendwacht/dashboard';
import { createLogger, requireRedisUrl } from '@trendwacht/shared/node';
import { type Command, intOption, parse } from '../command';
import { onShutdown } from '../signals';

export const dashboardCommand: Command = {
  name: 'dashboard',
  summary: 'serve the dashboard and its API (REST + live SSE) on HOST:PORT',
  usage: `Usage: trendwacht dashboard [--port N] [--tenant T]

Serves the built React app (npm run build) and the API:
  GET /api/health                       liveness and Redis status
  GET /api/overview?range=hour|day      every theme's counts (k-anonymous)
  GET /api/timeline?theme=ID&range=…    a theme's posts per bucket (k-anonymous)
  GET /api/stats                        processed, dropped and rejected counts
  GET /api/stream                       Server-Sent Events: one "batch" event per applied batch
Needs REDIS_URL. Cells with fewer than K_ANON distinct authors show as "< k".`,
  async run(args, config) {
    const { values } = parse(args, { port: { type: 'string' }, tenant: { type: 'string' } });
    const log = createLogger('dashboard', config.logLevel);
    const running = await startDashboard({
      redisUrl: requireRedisUrl(config),
      keyPrefix: config.keyPrefix,
      tenant: values.tenant ?? config.tenant,
      k: config.k,
      host: config.host,
      port: intOption('port', values.port, config.port),
      dev: config.env === 'development',
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
