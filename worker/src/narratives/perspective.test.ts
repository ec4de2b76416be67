import { generateDay } from '@trendwacht/fixtures';
import { describe, expect, it } from 'vitest';
import { createAnalyzer, preparedText } from '../analysis/pipeline';
import { readPost } from './perspective';
import { phrasesOf } from './phrases';

const analyze = createAnalyzer();

/** Synthetic posts of the fixtures, plus misspelt ones (the analysis repairs their words: not the reading). */
const texts = [
  ...generateDay({ seed: 5, start: Date.parse('2026-11-20T08:00:00Z'), posts: 300, scenario: null }).map((p) =>
    String(p.text),
  ),
  'Die buitenlnders verpesten onze kermis, "wij tegen zij" zeggen ze?',
  'Send the immigrnts back, it is us against them now. Why?',
];

describe('the narrative reading of a post', () => {
  it('reads alike from the text and from what the analysis prepared of it (words before repair, stems, clauses)', () => {
    let prepared = 0;
    let repaired = 0;
    for (const text of texts) {
      const r = analyze({ id: 'x', text });
      if (!r.ok || r.analysis.lang === 'other') continue;
      const p = preparedText(r.analysis);
      expect(p).toBeDefined();
      prepared++;
      if (p?.stems === undefined) repaired++;
      const lang = r.analysis.lang;
      const a = readPost(lang, text);
      const b = readPost(lang, text, p);
      expect({ ...b, clauses: b.clauses }).toEqual({ ...a, clauses: a.clauses });
    }
    expect(prepared).toBeGreaterThan(200);
    expect(repaired).toBeGreaterThan(0);
  });

  it('keeps the prepared text out of the analysis as data (not serialised, not copied)', () => {
    const r = analyze({ id: 'x', text: 'Na de vechtpartij op de kermis is het wij tegen zij in Aalst.' });
    if (!r.ok) throw new Error('not analysed');
    expect(preparedText(r.analysis)?.clean).toContain('vechtpartij');
    expect(JSON.stringify(r)).not.toContain('vechtpartij op de kermis');
    expect(preparedText({ ...r.analysis })).toBeUndefined();
  });

  it('finds the same phrases with the clauses given or read when first needed', () => {
    const fr = ['bagarre', 'à', 'la', 'foire', 'd', 'alost', 'c', 'est', 'nous', 'contre', 'eux'];
    const clauses = [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1];
    const allowed = new Set(['bagarre', 'foire', 'alost']);
    let reads = 0;
    const lazy = phrasesOf('fr', fr, allowed, () => {
      reads++;
      return clauses;
    });
    expect(lazy).toEqual(phrasesOf('fr', fr, allowed, clauses));
    expect(lazy.length).toBeGreaterThan(0);
    expect(reads).toBe(1);
    // No run of words that may be a phrase: the clauses are never read.
    phrasesOf('fr', ['marché', 'ville', 'pluie', 'vent'], new Set(), () => {
      reads++;
      return [0, 0, 0, 0];
    });
    expect(reads).toBe(1);
  });
});
