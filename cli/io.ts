import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RedisClient, connectRedis } from '@trendwacht/shared/node';
import { UsageError } from './command';

/** Write lines to stdout, honouring back-pressure (large outputs piped to slow readers). */
export async function writeLines(lines: Iterable<string>): Promise<void> {
  for (const line of lines) {
    if (!process.stdout.write(`${line}\n`)) {
      await new Promise<void>((resolve) => process.stdout.once('drain', resolve));
    }
  }
}

/** Start of the demo day: the given ISO time, or 23 hours before the current hour, so the
 * day ends with the current hour and falls inside the dashboard's 24-hour view. */
export function demoDayStart(iso: string | undefined, now = Date.now()): number {
  if (iso === undefined) return Math.floor(now / 3_600_000) * 3_600_000 - 23 * 3_600_000;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new UsageError('--start must be an ISO 8601 date-time');
  return ms;
}

/** The project's root folder (where package.json is). */
export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The labelled development data, beside the project as in CI: `../shared/data`. */
export const DEFAULT_DATA_DIR = resolve(PROJECT_ROOT, '..', 'shared', 'data');

/** All of stdin as text (for secrets passed with --password-stdin). */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** A short-lived Redis connection for a command (failing fast), closed after `fn`. */
export async function withRedis<T>(url: string, fn: (r: RedisClient) => Promise<T>): Promise<T> {
  const r = connectRedis(url, { maxRetriesPerRequest: 3 });
  try {
    return await fn(r);
  } finally {
    await r.quit().catch(() => undefined);
  }
}
