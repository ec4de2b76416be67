import { createInterface } from 'node:readline';
import type { Source } from '../source';
import { type FileProgress, type FileSourceOptions, fileSource } from './file-input';

/** JSON Lines from a file, or from stdin when the path is `-`. Yields each non-empty line. */
export function jsonlSource(path: string, opts: FileSourceOptions = {}): Source & { progress(): FileProgress } {
  return fileSource(path, opts, async function* (input) {
    for await (const line of createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) {
      if (line.trim().length > 0) yield line;
    }
  });
}
