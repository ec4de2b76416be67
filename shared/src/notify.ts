import { z } from 'zod';
import { SEVERITIES, type Severity } from './series';
import { SecretRef } from './sources';
import { ALERT_EVENTS } from './trends';

/**
 * Where a tenant's alerts are sent as they open, escalate or close: webhooks (a generic
 * signed JSON body, a Microsoft Teams workflow, a Slack incoming webhook) or e-mail over
 * SMTP. Like sources, a target names the environment variables holding its URL (webhook
 * URLs and SMTP URLs with their password are secrets) and signing key, and the worker
 * reads them from its own environment. What is sent is the alert's receipt (aggregates
 * only) and a link to it, never a post.
 */
export const NOTIFY_FORMATS = ['json', 'teams', 'slack', 'email'] as const;
export type NotifyFormat = (typeof NOTIFY_FORMATS)[number];

export const NOTIFY_LANGS = ['nl', 'fr', 'en'] as const;

const Email = z.string().trim().toLowerCase().email('must be an e-mail address');

export const NotifyTargetSchema = z
  .object({
    /** Unique within the tenant; names the target's delivery status. */
    id: z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9-]{0,39}$/,
        'must be 1-40 lowercase letters, digits or hyphens, starting with a letter or digit',
      ),
    format: z.enum(NOTIFY_FORMATS).default('json'),
    /** Environment variable holding the webhook URL (https://…), or for e-mail the SMTP URL (smtp[s]://user:password@host:port). */
    urlEnv: SecretRef,
    /** E-mail only: the recipients and the sender address. */
    to: z.array(Email).min(1, 'needs at least one recipient').max(20).optional(),
    from: Email.optional(),
    /** Environment variable holding the HMAC-SHA256 key that signs a `json` body (optional). */
    secretEnv: SecretRef.optional(),
    /** Alerts below this severity are not sent. */
    minSeverity: z.enum(SEVERITIES).default('medium'),
    events: z
      .array(z.enum(ALERT_EVENTS))
      .min(1, 'choose at least one of open, escalate, close')
      .default(['open', 'escalate']),
    lang: z.enum(NOTIFY_LANGS).default('nl'),
    enabled: z.boolean().default(true),
  })
  .superRefine((t, ctx) => {
    if (t.format === 'email') {
      if (!t.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'an e-mail target needs recipients' });
      if (!t.from) ctx.addIssue({ code: 'custom', path: ['from'], message: 'an e-mail target needs a sender' });
    } else if (t.to || t.from) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'only an e-mail target has recipients' });
    }
  });
export type NotifyTarget = z.infer<typeof NotifyTargetSchema>;

/** Whether a severity reaches a minimum. */
export function severityAtLeast(s: Severity, min: Severity): boolean {
  return SEVERITIES.indexOf(s) >= SEVERITIES.indexOf(min);
}

/** A target's deliveries as the worker records them (no URL, no body). */
export type NotifyStatus = {
  delivered: number;
  failed: number;
  lastOkAt: number | null;
  lastErrorAt: number | null;
  /** A code: `http_<status>`, `smtp_<code>`, `smtp_auth`, `timeout`, `network`, `missing_secret`, `bad_url`. */
  lastError: string | null;
};

/** A notification job on the tenant's `notify` queue: which target, and what changed (ids only). */
const AlertRef = z.object({ alertId: z.string(), change: z.enum(ALERT_EVENTS), updatedAt: z.number() });

export const NotifyJobSchema = z.discriminatedUnion('change', [
  z.object({ target: z.string(), change: z.enum(ALERT_EVENTS), alertId: z.string(), updatedAt: z.number() }),
  z.object({ target: z.string(), change: z.literal('test'), at: z.number() }),
  /** Many changes in one minute for one target: one message listing them. */
  z.object({ target: z.string(), change: z.literal('digest'), items: z.array(AlertRef).min(1).max(100) }),
]);
export type NotifyJob = z.infer<typeof NotifyJobSchema>;

/** More alert changes than this in one detector minute go to a target as one digest. */
export const NOTIFY_DIGEST_ABOVE = 3;
