import { parse } from 'csv-parse';
import { type Source, SourceReject } from '../source';
import { type FileProgress, type FileSourceOptions, fileSource } from './file-input';

/** The columns a CSV import understands (the post input's fields); others are ignored. */
export const CSV_COLUMNS = ['id', 'source', 'text', 'lang', 'createdAt', 'authorKey', 'url', 'tags'] as const;
const REQUIRED = ['id', 'text', 'createdAt'];

/** A CSV file whose header cannot be imported: names the missing columns. */
export class CsvHeaderError extends Error {}

/** `tags` holds words separated by spaces, commas or semicolons (a leading # is dropped). */
const splitTags = (v: string) =>
  v
    .split(/[\s,;]+/)
    .map((t) => t.replace(/^#/, '').toLowerCase())
    .filter(Boolean);

/**
 * CSV (RFC 4180: quoted fields may hold commas and line breaks; a UTF-8 BOM is skipped)
 * with a header row naming the post input's fields — `id,text,createdAt` at least. Each
 * row becomes a post input; a row with the wrong number of fields or a broken quote is a
 * reject naming its line (never its content), and the import goes on.
 */
export function csvSource(path: string, opts: FileSourceOptions = {}): Source & { progress(): FileProgress } {
  return fileSource(path, opts, async function* (input) {
    const parser = input.pipe(
      parse({
        bom: true,
        info: true,
        relax_column_count: true,
        skip_records_with_error: true,
        skip_empty_lines: true,
      }),
    );
    const skipped: SourceReject[] = [];
    let lastSkipped = -1;
    parser.on('skip', (err: { lines?: number; code?: string }) => {
      if (err.lines === lastSkipped) return; // one reject per broken record
      lastSkipped = err.lines ?? -1;
      skipped.push(new SourceReject('invalid_shape', `line ${err.lines ?? '?'}: malformed CSV (${err.code ?? '?'})`));
    });
    let header: string[] | null = null;
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      yield* skipped.splice(0);
      if (!header) {
        header = record.map((h) => h.trim());
        const missing = REQUIRED.filter((c) => !header?.includes(c));
        if (missing.length > 0) {
          input.destroy();
          throw new CsvHeaderError(`CSV header: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
        }
        continue;
      }
      if (record.length !== header.length) {
        yield new SourceReject(
          'invalid_shape',
          `line ${info.lines}: ${record.length} fields, the header has ${header.length}`,
        );
        continue;
      }
      const row: Record<string, unknown> = {};
      header.forEach((col, i) => {
        const v = record[i] ?? '';
        if ((v === '' && !REQUIRED.includes(col)) || !(CSV_COLUMNS as readonly string[]).includes(col)) return;
        row[col] = col === 'tags' ? splitTags(v) : v;
      });
      yield row;
    }
    yield* skipped.splice(0);
  });
}
