import {
  type Alert,
  type AlertChange,
  AlertSchema,
  NOTIFY_DIGEST_ABOVE,
  NOTIFY_QUEUE,
  type NotifyJob,
  NotifyJobSchema,
  type NotifyTarget,
  type TenantKeys,
  alertEvent,
  severityAtLeast,
} from '@trendwacht/shared';
import {
  type Logger,
  NOTIFY_RETRY,
  type RedisClient,
  enqueueNotifications,
  readSettings,
  readTenantSecret,
  recordNotifyAttempt,
} from '@trendwacht/shared/node';
import { type Job, Queue, Worker } from 'bullmq';
import { DeliveryError, failureCode, giveUp } from './delivery';
import { kSafeNotice } from './k-safe';
import { sendMail } from './mail';
import { type Notice, noticeBody, noticeMail, signature } from './message';

export type NotifierOptions = {
  /** Reads settings and alerts, records delivery status. */
  redis: RedisClient;
  /** BullMQ's connection. */
  connection: RedisClient;
  keys: TenantKeys;
  log: Logger;
  /** Where target URLs and signing keys are read (the process environment). */
  env?: NodeJS.ProcessEnv;
  /** The dashboard's public address, for a link to the alert (`TRENDWACHT_PUBLIC_URL`). */
  publicUrl?: string | undefined;
  /** Attempts per delivery, and the first retry's delay (doubling after). */
  attempts?: number;
  retryDelayMs?: number;
  timeoutMs?: number;
  now?: () => number;
};

const DEFAULTS = { ...NOTIFY_RETRY, timeoutMs: 10_000 };

/**
 * Sends a tenant's alert changes to its notification targets through a BullMQ queue:
 * one job per alert change and target (deduplicated by job id), retried with exponential
 * backoff, given up at once when retrying cannot help (no URL configured, 4xx). Every
 * worker process consumes the queue; the detector's leader fills it.
 */
export class Notifier {
  readonly queue: Queue;
  private readonly worker: Worker;
  private readonly o: Required<Pick<NotifierOptions, 'attempts' | 'retryDelayMs' | 'timeoutMs'>> & NotifierOptions;

  constructor(o: NotifierOptions) {
    this.o = { ...DEFAULTS, ...o };
    const prefix = o.keys.queuePrefix;
    this.queue = new Queue(NOTIFY_QUEUE, { connection: o.connection, prefix });
    this.worker = new Worker(NOTIFY_QUEUE, (job: Job) => this.deliver(job), {
      connection: o.connection,
      prefix,
      concurrency: 2,
      // Completed jobs (ids only) are kept a day, so the same alert change queued again
      // (a new detector leader re-reading a minute) is recognised and not sent twice.
      removeOnComplete: { age: 86_400, count: 10_000 },
      removeOnFail: { age: 7 * 86_400, count: 1000 },
    });
    this.worker.on('failed', (job, err) => {
      o.log.warn(
        { tenant: o.keys.tenant, job: job?.id, attempts: job?.attemptsMade, error: err.message },
        'notification failed',
      );
    });
    this.worker.on('error', (err) => o.log.error({ error: err.name }, 'notifier error'));
  }

  async ready(): Promise<void> {
    await this.worker.waitUntilReady();
  }

  /**
   * Queue a delivery of each changed alert to each target that wants it — or one digest per
   * target when more than NOTIFY_DIGEST_ABOVE changed at once. Returns how many jobs.
   */
  async alertsChanged(alerts: readonly Alert[], targets: readonly NotifyTarget[]): Promise<number> {
    const jobs: NotifyJob[] = [];
    for (const t of targets) {
      if (!t.enabled) continue;
      const items = alerts
        .map((alert) => ({ alert, change: alertEvent(alert) }))
        .filter(({ alert, change }) => t.events.includes(change) && severityAtLeast(alert.severity, t.minSeverity))
        .map(({ alert, change }) => ({ alertId: alert.id, change, updatedAt: alert.updatedAt }));
      // Many at once (a busy minute, a restart catching up): one message listing them.
      if (items.length > NOTIFY_DIGEST_ABOVE) jobs.push({ target: t.id, change: 'digest', items: items.slice(0, 100) });
      else for (const item of items) jobs.push({ target: t.id, ...item });
    }
    await enqueueNotifications(this.queue, jobs, this.o);
    return jobs.length;
  }

  async close(): Promise<void> {
    await this.worker.close();
    await this.queue.close();
  }

  private async deliver(job: Job): Promise<string> {
    const parsed = NotifyJobSchema.safeParse(job.data);
    if (!parsed.success) throw giveUp('invalid_job');
    const data = parsed.data;
    const settings = await readSettings(this.o.redis, this.o.keys);
    const target = settings.notify.find((t) => t.id === data.target);
    // Removed or switched off since it was queued: nothing to send (a test still goes).
    if (!target || (!target.enabled && data.change !== 'test')) return 'skipped';
    // Nothing under the tenant's k leaves in a notification (k-safe.ts).
    const raw = await this.notice(data);
    const notice = raw ? kSafeNotice(raw, settings.k) : null;
    if (!notice) return 'skipped';
    try {
      await this.post(target, notice, String(job.id));
    } catch (err) {
      const code = failureCode(err);
      await recordNotifyAttempt(this.o.redis, this.o.keys, target.id, { ok: false, code }, this.now());
      throw err;
    }
    await recordNotifyAttempt(this.o.redis, this.o.keys, target.id, { ok: true }, this.now());
    return 'delivered';
  }

  private async notice(data: NotifyJob): Promise<Notice | null> {
    const tenant = this.o.keys.tenant;
    if (data.change === 'test') return { kind: 'test', tenant, link: this.link('') };
    if (data.change === 'digest') {
      const items: { change: AlertChange; alert: Alert }[] = [];
      for (const ref of data.items) {
        const alert = await this.alert(ref.alertId);
        if (alert) items.push({ change: ref.change, alert });
      }
      return items.length > 0 ? { kind: 'digest', tenant, items, link: this.link('/alerts') } : null;
    }
    // An alert trimmed away before its notification went out: nothing left to say.
    const alert = await this.alert(data.alertId);
    if (!alert) return null;
    return { kind: 'alert', tenant, change: data.change, alert, link: this.link(`/alerts/${alert.id}`) };
  }

  private async alert(id: string): Promise<Alert | null> {
    const raw = await this.o.redis.hget(this.o.keys.alerts, id);
    const parsed = raw ? AlertSchema.safeParse(JSON.parse(raw)) : null;
    return parsed?.success ? parsed.data : null;
  }

  private now(): number {
    return (this.o.now ?? Date.now)();
  }

  private link(path: string): string | null {
    const base = this.o.publicUrl?.replace(/\/+$/, '');
    return base ? `${base}/t/${encodeURIComponent(this.o.keys.tenant)}${path}` : null;
  }

  /** A destination reads only its tenant's secrets (`TW_<TENANT>_…`), whatever its stored settings say. */
  private secret(name: string): string | undefined {
    try {
      return readTenantSecret(this.o.keys.tenant, name, this.o.env);
    } catch {
      throw giveUp('secret_refused'); // a name outside the namespace, or an unreadable secrets file
    }
  }

  private async post(target: NotifyTarget, notice: Notice, delivery: string): Promise<void> {
    const url = this.secret(target.urlEnv);
    if (!url) throw giveUp('missing_secret');
    if (target.format === 'email') {
      const mail = noticeMail(notice, target.lang);
      const to = target.to ?? [];
      await sendMail(url, { ...mail, from: target.from ?? '', to, delivery }, this.o.timeoutMs);
      return;
    }
    if (!/^https?:\/\/[^\s]+$/.test(url)) throw giveUp('bad_url');
    const body = JSON.stringify(noticeBody(notice, target.format, target.lang));
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'User-Agent': 'Trendwacht',
      'X-Trendwacht-Delivery': delivery,
    };
    if (target.secretEnv) {
      const key = this.secret(target.secretEnv);
      if (!key) throw giveUp('missing_secret');
      headers['X-Trendwacht-Signature'] = signature(body, key, Math.floor(this.now() / 1000));
    }
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        body,
        headers,
        redirect: 'error',
        signal: AbortSignal.timeout(this.o.timeoutMs),
      });
    } catch (err) {
      throw new DeliveryError(err instanceof Error && err.name === 'TimeoutError' ? 'timeout' : 'network');
    }
    await res.body?.cancel();
    if (res.ok) return;
    const code = `http_${res.status}`;
    // A client error other than "too many" or "timeout" will not change by retrying.
    if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) throw giveUp(code);
    throw new DeliveryError(code);
  }
}
