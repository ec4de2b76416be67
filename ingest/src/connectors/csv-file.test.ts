import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Post } from '@trendwacht/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runIngest } from '../run';
import { CsvHeaderError, csvSource } from './csv-file';

const dir = mkdtempSync(join(tmpdir(), 'tw-csv-'));
const collect = async (source: ReturnType<typeof csvSource>) => {
  const got: Post[] = [];
  const counters = await runIngest(source, {
    send: async (p) => {
      got.push(...p);
    },
    batchSize: 10,
    batchMs: 10,
  });
  return { got, counters };
};

describe('CSV import', () => {
  it('reads a header, quoted commas and line breaks, tags and a BOM; rejects bad rows by line and goes on', async () => {
    const file = join(dir, 'posts.csv');
    const t = '2026-11-20T10:00:00Z';
    const rows = [
      'id,text,createdAt,lang,tags,extra',
      `1,"Nieuwe bibliotheek, eindelijk open",${t},nl,#bib;cultuur,x`,
      `2,"Twee regels:\nook de tweede telt",${t},,,`,
      `3,te weinig velden,${t}`, // line 5 (row 2 spans two): wrong field count
      `4,"kapotte "quote" hier",${t},nl,,`, // line 6: broken quote
      '5,Markt verschoven,1763632800,fr,,',
      `6,,${t},nl,,`, // empty text
      `1,"Nieuwe bibliotheek, eindelijk open",${t},nl,,`, // repeat of id 1
    ];
    writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(rows.join('\r\n'))]));
    const source = csvSource(file, { name: 'import' });
    const { got, counters } = await collect(source);
    expect(got.map((p) => p.id)).toEqual(['import:1', 'import:2', 'import:5']);
    expect(got[0]).toMatchObject({ text: 'Nieuwe bibliotheek, eindelijk open', lang: 'nl', tags: ['bib', 'cultuur'] });
    expect(got[1]?.text).toBe('Twee regels:\nook de tweede telt');
    expect(got[2]?.createdAt).toBe(1763632800_000);
    expect(counters.rejected).toEqual({ invalid_shape: 2, text_empty: 1 });
    expect(counters.duplicates).toBe(1);
    const details = counters.examples.map((e) => e.detail).join(' | ');
    expect(details).toContain('line 5: 3 fields, the header has 6');
    expect(details).toContain('line 6: malformed CSV (CSV_INVALID_CLOSING_QUOTE)');
    expect(details).not.toMatch(/bibliotheek|kapotte|hier|Markt/);
    expect(source.progress()).toEqual({ done: source.progress().total, total: expect.any(Number) });
    expect(source.progress().total).toBeGreaterThan(100);
  });

  it('names the missing columns of a header it cannot import', async () => {
    const file = join(dir, 'bad-header.csv');
    writeFileSync(file, 'id,body,date\n1,hallo,2026-11-20\n');
    await expect(collect(csvSource(file))).rejects.toThrow(
      new CsvHeaderError('CSV header: missing columns text, createdAt'),
    );
  });

  it('reads stdin and counts wrongly encoded text as bad_encoding', async () => {
    const stdin = Readable.from([
      Buffer.from('id,text,createdAt\n1,goed,2026-11-20T10:00:00Z\n2,'),
      Buffer.from([0xff, 0xfe, 0x41]),
      Buffer.from(',2026-11-20T10:00:00Z\n'),
    ]);
    const { got, counters } = await collect(csvSource('-', { stdin }));
    expect(got.map((p) => p.text)).toEqual(['goed']);
    expect(counters.rejected).toEqual({ bad_encoding: 1 });
  });
});

describe('CSV import under fuzzing', () => {
  it('never throws on random rows; every row is accepted, a duplicate or a counted reject', async () => {
    const cell = fc.oneof(fc.string(), fc.constantFrom('"', '""', ',', '\n', '\r\n', '"a,b"', '2026-11-20T10:00:00Z'));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cell, { maxLength: 5 }), { maxLength: 20 }), async (rows) => {
        const body = ['id,text,createdAt', ...rows.map((r) => r.join(','))].join('\n');
        const { counters } = await collect(csvSource('-', { stdin: Readable.from([Buffer.from(body)]) }));
        const rejected = Object.values(counters.rejected).reduce((a, n) => a + (n ?? 0), 0);
        return counters.received === counters.accepted + counters.duplicates + rejected;
      }),
      { numRuns: 150 },
    );
  });
});
