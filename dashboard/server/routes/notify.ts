import { NOTIFY_QUEUE } from '@trendwacht/shared';
import { enqueueNotifications, readNotifyStatus } from '@trendwacht/shared/node';
import { Queue } from 'bullmq';
import { type Ctx, HttpError, type Reply, ok, principalOf, scopeOf } from '../http';

/** The tenant's notification targets (URLs by variable name only) with their delivery status. */
export async function notifyTargets(ctx: Ctx): Promise<Reply> {
  const s = scopeOf(ctx);
  const targets = s.settings.notify;
  return ok({
    targets,
    status: await readNotifyStatus(
      s.redis,
      s.keys,
      targets.map((t) => t.id),
    ),
  });
}

/** Queue a test message to one target; the worker sends it like an alert (status follows). */
export async function testNotify(ctx: Ctx): Promise<Reply> {
  const s = scopeOf(ctx);
  const id = ctx.params.id ?? '';
  if (!s.settings.notify.some((t) => t.id === id)) {
    throw new HttpError(404, 'not_found', 'no such notification target');
  }
  const queue = new Queue(NOTIFY_QUEUE, { connection: s.redis, prefix: s.keys.queuePrefix });
  try {
    await enqueueNotifications(queue, [{ target: id, change: 'test', at: s.now() }]);
  } finally {
    await queue.close();
  }
  await s.audit.append({ actor: principalOf(ctx).username, action: 'notify.test', target: id });
  return ok({ queued: true }, 202);
}
