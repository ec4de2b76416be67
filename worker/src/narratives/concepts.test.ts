import { generateDay } from '@trendwacht/fixtures';
import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../analysis/pipeline';
import { clusterWords } from '../trends/narratives';
import { conceptTermWords, conceptWords } from './concepts';

describe('a post’s concept words', () => {
  it('are its clustering words through the concepts, in one pass as in two', () => {
    const analyze = createAnalyzer();
    const posts = generateDay({ seed: 9, start: Date.parse('2026-11-20T08:00:00Z'), posts: 300, scenario: null });
    let compared = 0;
    for (const p of posts) {
      const r = analyze({ id: String(p.id), text: String(p.text) });
      if (!r.ok || r.analysis.lang === 'other') continue;
      const terms = [...r.terms, ...r.terms.slice(0, 3)];
      expect(conceptTermWords(r.analysis.lang, terms)).toEqual(conceptWords(r.analysis.lang, clusterWords(terms)));
      compared++;
    }
    expect(compared).toBeGreaterThan(200);
    // "bagarre" and "fight" are the concept "vechtpartij" (concepts.tsv): one word, once.
    expect(conceptTermWords('fr', ['bagarre', 'foire alost', 'bagarre', 'foire'])).toEqual(
      conceptWords('fr', ['bagarre', 'foire']),
    );
  });
});
