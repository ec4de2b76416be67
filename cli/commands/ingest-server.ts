import { BatchProducer, type WebhookTenant, decodeSecret, startWebhookServer } from '@trendwacht/ingest';
import { connectRedis, createLogger, requireRedisUrl, requireSealKey, tenantKeys } from '@trendwacht/shared/node';
import { type Command, UsageError, intOption, parse } from '../command';
import { onShutdown } from '../signals';

export const ingestServerCommand: Command = {
  name: 'ingest-server',
  summary: 'serve the signed webhook endpoint POST /ingest/<tenant> (Standard Webhooks)',
  usage: `Usage: trendwacht ingest-server [--port N]

Accepts JSON Lines or a JSON array of posts at POST /ingest/<tenant>, signed per
Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature: v1,<HMAC-SHA256>;
5-minute replay window; a repeated webhook-id is taken once). Answers 202 with counts,
400 naming bad lines (the good ones are taken), 401 for a bad signature or timestamp,
429 (Retry-After) while the tenant's queue is over QUEUE_HIGH_WATER.
Secrets per tenant: TRENDWACHT_WEBHOOK_SECRETS="gent=whsec_…,aalst=whsec_…" (never logged).
  --port N   default 8090
Needs REDIS_URL and TRENDWACHT_SEAL_KEY.`,
  async run(args, config) {
    const { values } = parse(args, { port: { type: 'string' } });
    const pairs = Object.entries(config.webhookSecrets);
    if (pairs.length === 0) throw new UsageError('TRENDWACHT_WEBHOOK_SECRETS is empty: no tenant can push');
    const redisUrl = requireRedisUrl(config);
    const sealKey = requireSealKey(config);
    const tenants = new Map<string, WebhookTenant>();
    for (const [tenant, secret] of pairs) {
      const keys = tenantKeys(config.keyPrefix, tenant);
      const key = decodeSecret(secret);
      if (key.length < 16) throw new UsageError(`TRENDWACHT_WEBHOOK_SECRETS: the secret of ${tenant} is too short`);
      tenants.set(tenant, {
        keys,
        key,
        producer: new BatchProducer({ redisUrl, keys, sealKey, highWater: config.queueHighWater }),
      });
    }
    const redis = connectRedis(redisUrl);
    const log = createLogger('ingest-server', config.logLevel);
    const server = await startWebhookServer({
      host: config.host,
      port: intOption('port', values.port, 8090),
      redis,
      tenants,
      highWater: config.queueHighWater,
      batchSize: config.batchSize,
    });
    log.info({ url: server.url, tenants: [...tenants.keys()] }, 'webhook endpoint listening');
    await new Promise<void>((resolve) =>
      onShutdown(async () => {
        await server.close();
        for (const t of tenants.values()) await t.producer.close();
        await redis.quit().catch(() => undefined);
        resolve();
      }),
    );
    return 0;
  },
};
