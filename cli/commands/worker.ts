import { createLogger, requireRedisUrl, requireSealKey } from '@trendwacht/shared/node';
import { startWorker } from '@trendwacht/worker';
import { type Command, intOption, parse } from '../command';
import { onShutdown } from '../signals';

export const workerCommand: Command = {
  name: 'worker',
  summary: 'analyse sealed batches from the queue and fold them into aggregates',
  usage: `Usage: trendwacht worker [--tenant T | --tenants all|T1,T2…] [--streams S1,S2…]
                        [--concurrency N] [--no-detector]

Runs until SIGINT/SIGTERM, then finishes the batches in hand and exits. Start as many
as you like, on as many machines, against one Redis. Needs REDIS_URL and
TRENDWACHT_SEAL_KEY (the same key as ingest).

  --tenant T        tenant whose queue to work (default TRENDWACHT_TENANT or "demo")
  --tenants LIST    one pool for many tenants (comma-separated, or "all": every tenant, new ones too)
  --streams LIST    shared streams to read: each post analysed once, folded into every
                    tenant whose settings list the stream and whose gazetteer it passes
  --no-detector     no trend detector in this process (benchmarks; another worker runs it)
  --concurrency N   batches in flight (default WORKER_CONCURRENCY or 2)`,
  async run(args, config) {
    const { values } = parse(args, {
      tenant: { type: 'string' },
      tenants: { type: 'string' },
      streams: { type: 'string' },
      concurrency: { type: 'string' },
      'no-detector': { type: 'boolean' },
    });
    const list = (v: string | undefined) =>
      v
        ? v
            .split(',')
            .map((x) => x.trim())
            .filter(Boolean)
        : undefined;
    const tenants = values.tenants === 'all' ? 'all' : list(values.tenants);
    const streams = list(values.streams);
    const log = createLogger('worker', config.logLevel);
    const running = await startWorker({
      config: {
        ...config,
        workerConcurrency: intOption('concurrency', values.concurrency, config.workerConcurrency) || 1,
      },
      redisUrl: requireRedisUrl(config),
      sealKey: requireSealKey(config),
      tenant: values.tenant ?? config.tenant,
      ...(tenants ? { tenants } : {}),
      ...(streams ? { streams } : {}),
      ...(values['no-detector'] ? { detector: false } : {}),
      log,
      defaultK: config.k,
      termsPerHour: config.termsPerHour,
      notify: { publicUrl: config.publicUrl },
    });
    await new Promise<void>((resolve) => {
      onShutdown(async () => {
        log.info('shutting down: draining batches in hand');
        await running.close();
        resolve();
      });
    });
    log.info('worker stopped');
    return 0;
  },
};
