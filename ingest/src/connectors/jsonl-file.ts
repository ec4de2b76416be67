import { createInterface } from 'node:readline';
import type { Source } from '../source';
import { type FileProgress, type FileSourceOptions, fileInput } from './file-input';

/** JSON Lines from a file, or from stdin when the path is `-`. Yields each non-empty line. */
export function jsonlSource(path: string, opts: FileSourceOptions = {}): Source & { progress(): FileProgress } {
  let progress = (): FileProgress => ({ done: 0, total: 0 });
  return {
    name: opts.name ?? 'file',
    progress: () => progress(),
    async *items() {
      const file = fileInput(path, opts.stdin);
      progress = file.progress;
      const lines = createInterface({ input: file.input, crlfDelay: Number.POSITIVE_INFINITY });
      for await (const line of lines) {
        if (line.trim().length > 0) yield line;
      }
    },
  };
}
