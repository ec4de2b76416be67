/**
 * The project's tab-separated data files (lexicons, word lists, test suites): `#` comment
 * lines and blank lines skipped, the first remaining line the header, then rows, each with
 * its 1-based line number in the file for error messages.
 */
export type TsvRow = { line: number; cells: string[] };

export function readTsv(text: string): { header: string[]; rows: TsvRow[] } {
  let header: string[] | undefined;
  const rows: TsvRow[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).replace(/\r$/, '');
    if (line.trim() === '' || line.startsWith('#')) continue;
    const cells = line.split('\t');
    if (header) rows.push({ line: i + 1, cells });
    else header = cells;
  }
  return { header: header ?? [], rows };
}
