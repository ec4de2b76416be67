import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { Source } from '../source';

/** JSON Lines from a file, or from stdin when the path is `-`. Yields each non-empty line. */
export function jsonlSource(path: string, opts: { name?: string; stdin?: Readable } = {}): Source {
  return {
    name: opts.name ?? 'file',
    async *items() {
      const input = path === '-' ? (opts.stdin ?? process.stdin) : createReadStream(path);
      const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
      for await (const line of lines) {
        if (line.trim().length > 0) yield line;
      }
    },
  };
}
