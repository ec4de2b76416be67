import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a webhook's timestamp may be from now (replay window), seconds. */
export const TOLERANCE_S = 300;

/** A Standard Webhooks secret: `whsec_<base64>` (or bare base64) → key bytes. */
export function decodeSecret(secret: string): Buffer {
  return Buffer.from(secret.startsWith('whsec_') ? secret.slice(6) : secret, 'base64');
}

/** `v1,<base64 HMAC-SHA256(key, id.timestamp.body)>` */
export function sign(key: Buffer, id: string, timestamp: number, body: Buffer | string): string {
  const mac = createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest('base64');
  return `v1,${mac}`;
}

export type Verdict = { ok: true } | { ok: false; reason: string };

/**
 * What can be checked before the body is read: the three headers present and the
 * timestamp within the window. A request failing this is answered without reading its
 * body, so unsigned uploads cost no memory (issue 22).
 */
export function checkHeaders(
  headers: { id?: string | undefined; timestamp?: string | undefined; signature?: string | undefined },
  nowS: number,
  toleranceS = TOLERANCE_S,
): Verdict {
  const { id, timestamp, signature } = headers;
  if (!id || !timestamp || !signature)
    return { ok: false, reason: 'missing webhook-id, webhook-timestamp or webhook-signature' };
  if (!signature.split(' ').some((part) => part.startsWith('v1,')))
    return { ok: false, reason: 'webhook-signature: no v1 signature' };
  const ts = Number(timestamp);
  if (!Number.isInteger(ts)) return { ok: false, reason: 'webhook-timestamp: not unix seconds' };
  if (Math.abs(nowS - ts) > toleranceS) return { ok: false, reason: 'webhook-timestamp: outside the replay window' };
  return { ok: true };
}

/**
 * Standard Webhooks verification: the three headers present, the timestamp within the
 * window, and one of the space-separated `v1,` signatures equal (constant time) to the
 * HMAC of the raw body bytes.
 */
export function verify(
  key: Buffer,
  headers: { id?: string; timestamp?: string; signature?: string },
  body: Buffer,
  nowS: number,
  toleranceS = TOLERANCE_S,
): Verdict {
  const head = checkHeaders(headers, nowS, toleranceS);
  if (!head.ok) return head;
  const { id, timestamp, signature } = headers as Required<typeof headers>;
  const ts = Number(timestamp);
  const expected = Buffer.from(sign(key, id, ts, body).slice(3), 'base64');
  for (const part of signature.split(' ')) {
    const [version, value] = part.split(',');
    if (version !== 'v1' || !value) continue;
    const given = Buffer.from(value, 'base64');
    if (given.length === expected.length && timingSafeEqual(given, expected)) return { ok: true };
  }
  return { ok: false, reason: 'webhook-signature: no valid v1 signature' };
}
