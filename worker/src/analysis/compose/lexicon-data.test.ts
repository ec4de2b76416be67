import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ANALYSED } from '../lexicon';
import { LEXICON_DIR, LEXICON_FILES, LexiconError, loadLexicons, parseLexicon } from './lexicon-data';

describe('detection lexicons (worker/lexicons)', () => {
  it.each(ANALYSED)('%s: every file loads against its schema, each entry with a source', (lang) => {
    const lex = loadLexicons(lang);
    for (const file of LEXICON_FILES) {
      expect(lex[file].length, `${lang}/${file}.tsv`).toBeGreaterThan(10);
      for (const e of lex[file]) expect(e.source).toMatch(/^[a-z][a-z0-9-]*$/);
    }
    // Every protected group can be named in every language.
    const groups = new Set(lex.groups.map((g) => g.group));
    for (const g of [
      'women',
      'trans',
      'gay',
      'black',
      'disabled',
      'muslims',
      'migrants',
      'jews',
      'roma',
      'officials',
    ]) {
      expect(groups.has(g as never), `${lang}: ${g}`).toBe(true);
    }
  });

  it.each(ANALYSED)('%s: no word is both a condemnation and an attack', (lang) => {
    const lex = loadLexicons(lang);
    const counter = new Set(lex.context.filter((c) => c.kind === 'counter').map((c) => c.term));
    const both = lex.attacks.filter((a) => counter.has(a.term)).map((a) => a.term);
    expect(both).toEqual([]);
  });

  it('rejects a bad row with its file, line and column', () => {
    const text = '# comment\nterm\tkind\tsource\nhaat\temotion\ttrendwacht\nvies\tnasty\ttrendwacht\n';
    expect(() => parseLexicon('attacks', text, 'nl/attacks.tsv')).toThrow(LexiconError);
    expect(() => parseLexicon('attacks', text, 'nl/attacks.tsv')).toThrow(/nl\/attacks\.tsv:4: kind/);
    expect(() => parseLexicon('attacks', 'term\tkind\nx\temotion\n', 'x.tsv')).toThrow(/header/);
    expect(() => parseLexicon('groups', 'term\tgroup\tsource\nMoslims\tmuslims\ttrendwacht\n', 'g.tsv')).toThrow(
      /lowercase/,
    );
  });

  it('loads from another folder (a municipality may ship its own lists)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tw-lex-'));
    mkdirSync(join(dir, 'nl'));
    for (const file of [...LEXICON_FILES.map((f) => `nl/${f}.tsv`), 'frames.tsv']) {
      const from = join(LEXICON_DIR, file);
      if (existsSync(from)) writeFileSync(join(dir, file), readFileSync(from, 'utf8'));
    }
    writeFileSync(join(dir, 'nl', 'slurs.tsv'), 'term\tgroup\tsource\nverzonnenwoord\tmigrants\ttest\n');
    const lex = loadLexicons('nl', `${dir}/`);
    expect(lex.slurs.map((s) => s.term)).toEqual(['verzonnenwoord']);
  });
});
