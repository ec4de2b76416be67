import { describe, expect, it } from 'vitest';
import { OTHER_GROUPS, SLURS, parseThemeGroups } from './groups';

describe('theme groups (worker/lexicons/<lang>/theme-groups.tsv)', () => {
  it('gives every language slurs and other groups', () => {
    for (const lang of ['nl', 'fr', 'en'] as const) {
      expect(OTHER_GROUPS[lang].length, lang).toBeGreaterThan(20);
      expect(Object.values(SLURS).flatMap((s) => s[lang]).length, lang).toBeGreaterThan(20);
    }
  });

  it('reads slurs by target and other groups', () => {
    const text = '# c\nterm\tkind\ttarget\tsource\nverzinsel\tslur\tjews\ttest\nplutonen\tgroup\t-\ttest\n';
    const r = parseThemeGroups(text, 'x.tsv');
    expect(r.slurs.get('jews')).toEqual(['verzinsel']);
    expect(r.groups).toEqual(['plutonen']);
  });

  it('rejects a bad row with its file, line and what is wrong', () => {
    const head = 'term\tkind\ttarget\tsource\n';
    expect(() => parseThemeGroups('term\tkind\tsource\n', 'x.tsv')).toThrow(/x\.tsv: header/);
    expect(() => parseThemeGroups(`${head}woord\tslur\taliens\ttest\n`, 'x.tsv')).toThrow(/x\.tsv:2: target "aliens"/);
    expect(() => parseThemeGroups(`${head}woord\tinsult\t-\ttest\n`, 'x.tsv')).toThrow(/kind "insult"/);
    expect(() => parseThemeGroups(`${head}Woord\tgroup\t-\ttest\n`, 'x.tsv')).toThrow(/lowercase/);
    expect(() => parseThemeGroups(`${head}woord\tgroup\tjews\ttest\n`, 'x.tsv')).toThrow(/target -/);
    expect(() => parseThemeGroups(`${head}w\tgroup\t-\ttest\nw\tgroup\t-\ttest\n`, 'x.tsv')).toThrow(
      /x\.tsv:3: "w" listed twice/,
    );
    expect(() => parseThemeGroups(`${head}w\tgroup\t-\n`, 'x.tsv')).toThrow(/4 columns/);
  });
});
