import pino, { type Logger as PinoLogger } from 'pino';

export type Level = 'debug' | 'info' | 'warn' | 'error' | 'silent';
export type Logger = PinoLogger;

/**
 * Structured logs to stderr, so stdout stays clean for the CLI's JSON output.
 * Callers log counts, ids and codes — never post text, handles or URLs.
 */
export function createLogger(name: string, level: Level = 'info'): Logger {
  return pino({ name, level }, pino.destination({ fd: 2, sync: true }));
}
