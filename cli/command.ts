import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { Config } from '@trendwacht/shared/node';

/** A CLI command: `run` resolves to the process exit code. */
export type Command = {
  name: string;
  summary: string;
  usage: string;
  run(args: string[], config: Config): Promise<number>;
};

export class UsageError extends Error {
  override name = 'UsageError';
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** `util.parseArgs` with errors turned into a UsageError naming the bad option. */
export function parse<O extends Options>(args: string[], options: O) {
  try {
    return parseArgs({
      args,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

/** Parse a positive integer option, or throw a UsageError that names it. */
export function intOption(name: string, value: string | undefined, def: number): number {
  if (value === undefined) return def;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} must be a non-negative integer`);
  return n;
}
