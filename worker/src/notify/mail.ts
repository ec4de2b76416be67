import { type Transporter, createTransport } from 'nodemailer';
import { DeliveryError, giveUp } from './delivery';

/** One SMTP transport per URL (and timeout), reused across deliveries. */
const transports = new Map<string, Transporter>();

function transport(url: string, timeoutMs: number): Transporter {
  const key = `${timeoutMs} ${url}`;
  let t = transports.get(key);
  if (!t) {
    t = createTransport({
      url,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
    });
    transports.set(key, t);
  }
  return t;
}

type SmtpError = Error & { code?: string; responseCode?: number };

/**
 * Sends one plain-text e-mail over the SMTP server of `url` (smtp[s]://user:password@host:port).
 * A 4xx reply or a lost connection is retried; a 5xx reply or refused credentials are not.
 */
export async function sendMail(
  url: string,
  mail: { from: string; to: readonly string[]; subject: string; text: string; delivery: string },
  timeoutMs: number,
): Promise<void> {
  if (!/^smtps?:\/\/[^\s]+$/.test(url)) throw giveUp('bad_url');
  try {
    await transport(url, timeoutMs).sendMail({
      from: mail.from,
      to: [...mail.to],
      subject: mail.subject,
      text: mail.text,
      headers: { 'X-Trendwacht-Delivery': mail.delivery },
    });
  } catch (err) {
    const e = err as SmtpError;
    if (e.code === 'EAUTH') throw giveUp('smtp_auth');
    if (typeof e.responseCode === 'number') {
      const code = `smtp_${e.responseCode}`;
      throw e.responseCode >= 500 ? giveUp(code) : new DeliveryError(code);
    }
    throw new DeliveryError(e.code === 'ETIMEDOUT' ? 'timeout' : 'network');
  }
}
