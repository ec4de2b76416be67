import { createReadStream, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import type { Source } from '../source';

/** How far a file import has read (bytes), for a progress bar. */
export type FileProgress = { done: number; total: number };

export type FileSourceOptions = { name?: string; stdin?: Readable };

/**
 * A file's bytes (or stdin's, for `-`), with how much of it has been read so far. Stdin
 * has no known size: its total is 0.
 */
export function fileInput(path: string, stdin?: Readable): { input: Readable; progress(): FileProgress } {
  if (path === '-') {
    const input = stdin ?? process.stdin;
    let done = 0;
    input.on('data', (chunk: Buffer | string) => {
      done += chunk.length;
    });
    return { input, progress: () => ({ done, total: 0 }) };
  }
  const total = statSync(path).size;
  const input = createReadStream(path);
  return { input, progress: () => ({ done: input.bytesRead, total }) };
}

/**
 * A file import as a source: `read` turns the file's bytes into items; `progress()` tells
 * how far the import has read (for a progress bar).
 */
export function fileSource(
  path: string,
  opts: FileSourceOptions,
  read: (input: Readable) => AsyncIterable<unknown>,
): Source & { progress(): FileProgress } {
  let progress = (): FileProgress => ({ done: 0, total: 0 });
  return {
    name: opts.name ?? 'file',
    progress: () => progress(),
    async *items() {
      const file = fileInput(path, opts.stdin);
      progress = file.progress;
      yield* read(file.input);
    },
  };
}
