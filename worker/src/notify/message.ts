import { createHmac } from 'node:crypto';
import {
  ALERT_MESSAGES,
  type Alert,
  type AlertChange,
  type NotifyFormat,
  type TextLang,
  alertHeadline,
  explainAlert,
  fill,
} from '@trendwacht/shared';

/** What a notification says: an alert that changed, several at once, or a test. Aggregates only. */
export type Notice =
  | { kind: 'alert'; tenant: string; change: AlertChange; alert: Alert; link: string | null }
  | { kind: 'digest'; tenant: string; items: { change: AlertChange; alert: Alert }[]; link: string | null }
  | { kind: 'test'; tenant: string; link: string | null };

/** A notice in words, in the target's language. */
function words(n: Notice, lang: TextLang): { title: string; lines: string[]; terms: string[] } {
  if (n.kind === 'test') {
    return {
      title: `Trendwacht · ${ALERT_MESSAGES[lang].notify_test}`,
      lines: [fill(ALERT_MESSAGES[lang].notifyTestText, { tenant: n.tenant })],
      terms: [],
    };
  }
  if (n.kind === 'digest') {
    return {
      title: `Trendwacht · ${fill(ALERT_MESSAGES[lang].notifyDigest, { n: n.items.length })}`,
      lines: n.items.map((i) => alertHeadline(i.alert, i.change, lang)),
      terms: [],
    };
  }
  return {
    title: `Trendwacht · ${alertHeadline(n.alert, n.change, lang)}`,
    lines: explainAlert(n.alert, lang),
    terms: n.alert.terms.slice(0, 8).map((t) => t.term),
  };
}

/** The lines of a notice: its receipt in words, then the terms that rose with it. */
function lines(n: Notice, lang: TextLang): { title: string; text: string[] } {
  const w = words(n, lang);
  const termsLine = w.terms.length > 0 ? `${ALERT_MESSAGES[lang].movedTerms}: ${w.terms.join(', ')}` : null;
  return { title: w.title, text: [...w.lines, ...(termsLine ? [termsLine] : [])] };
}

/** An e-mail: the title as subject, the lines and the link as plain text (read by any client, and by screen readers). */
export function noticeMail(n: Notice, lang: TextLang): { subject: string; text: string } {
  const { title, text } = lines(n, lang);
  const link = n.link ? `\n\n${ALERT_MESSAGES[lang].openInTrendwacht}: ${n.link}` : '';
  return { subject: title, text: `${text.join('\n')}${link}\n` };
}

/**
 * The request body for a webhook format: `json` (the alert's receipt and the text, for any
 * receiver), `teams` (an Adaptive Card for a Teams workflow), `slack` (incoming webhook).
 */
export function noticeBody(n: Notice, format: Exclude<NotifyFormat, 'email'>, lang: TextLang): unknown {
  const { title, text } = lines(n, lang);
  if (format === 'json') {
    return {
      type: `trendwacht.${n.kind}`,
      tenant: n.tenant,
      ...(n.kind === 'alert' ? { event: n.change, alert: n.alert } : {}),
      ...(n.kind === 'digest' ? { items: n.items.map((i) => ({ event: i.change, alert: i.alert })) } : {}),
      title,
      text: text.join('\n'),
      url: n.link,
    };
  }
  if (format === 'slack') {
    const link = n.link ? `\n<${n.link}|${ALERT_MESSAGES[lang].openInTrendwacht}>` : '';
    return { text: `*${title}*\n${text.join('\n')}${link}` };
  }
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            { type: 'TextBlock', text: title, weight: 'Bolder', size: 'Medium', wrap: true },
            ...text.map((line) => ({ type: 'TextBlock', text: line, wrap: true })),
          ],
          actions: n.link
            ? [{ type: 'Action.OpenUrl', title: ALERT_MESSAGES[lang].openInTrendwacht, url: n.link }]
            : [],
        },
      },
    ],
  };
}

/**
 * `X-Trendwacht-Signature` of a JSON body: `t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<body>">`. A receiver recomputes it with the shared key and rejects old timestamps.
 */
export function signature(body: string, key: string, atSeconds: number): string {
  const mac = createHmac('sha256', key).update(`${atSeconds}.${body}`).digest('hex');
  return `t=${atSeconds},v1=${mac}`;
}
