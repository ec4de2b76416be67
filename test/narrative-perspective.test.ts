import { phraseText } from '@trendwacht/shared';
import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../worker/src/analysis/pipeline';
import { conceptWords } from '../worker/src/narratives/concepts';
import { parseConcepts, parseCues } from '../worker/src/narratives/lexicon';
import { perspectiveOf, readPost } from '../worker/src/narratives/perspective';
import { phrasesOf } from '../worker/src/narratives/phrases';

const analyze = createAnalyzer();

/** The perspective of a synthetic post towards `theme`, read as the worker reads it. */
function perspective(text: string, theme = 'polarisation') {
  const r = analyze({ id: 'x', text });
  if (!r.ok || r.analysis.lang === 'other') throw new Error('not analysed');
  const hits = r.analysis.themes.filter((h) => h.score >= 0.5);
  const hit = hits.find((h) => h.id === theme);
  const others = r.analysis.themes.filter((h) => h.id !== theme);
  return perspectiveOf(readPost(r.analysis.lang, text), hit, hit ? [] : others);
}

describe('perspective of a post inside a narrative', () => {
  it('pushing: the post carries the claim, also as a rhetorical question or with a negation in it', () => {
    expect(perspective('Na de vechtpartij op de kermis is het wij tegen zij in Aalst.')).toBe('pushing');
    // The analysis reads "niet meer buiten" as a negation (defending); that is no counter-argument.
    expect(
      perspective('Die mensen verpesten onze kermis, onze eigen mensen durven niet meer buiten. Kies je kamp.'),
    ).toBe('pushing');
    expect(perspective('Waarom is het altijd wij tegen zij? Genoeg is genoeg.')).toBe('pushing');
    expect(perspective('Bagarre à la foire, c’est nous contre eux maintenant, ça suffit.')).toBe('pushing');
  });

  it('countering: counter-speech read by the analysis or said in the narrative’s words', () => {
    expect(perspective('Een vechtpartij op de kermis is erg, maar geef niet een hele groep de schuld.')).toBe(
      'countering',
    );
    expect(perspective('Wie zegt dat migranten profiteurs zijn, discrimineert gewoon. Schaam je.', 'hate')).toBe(
      'countering',
    );
    expect(perspective('Une bagarre à la foire, oui, mais pas d’amalgame avec tout un groupe.')).toBe('countering');
    expect(perspective('A fight at the fair is bad, but don’t blame a whole group for it.')).toBe('countering');
  });

  it('informing: reports and quotes — the claim only between quotation marks is someone else’s words', () => {
    expect(
      perspective('Politie bevestigt vechtpartij op de kermis in Aalst, twee lichtgewonden, onderzoek loopt.'),
    ).toBe('informing');
    expect(perspective('La police confirme une bagarre à la foire d’Alost, enquête en cours.')).toBe('informing');
    expect(perspective('Een buurman in Aalst: "het is wij tegen zij geworden, genoeg is genoeg".')).toBe('informing');
    // The same words as the poster's own are pushing.
    expect(perspective('Het is wij tegen zij geworden in Aalst. Genoeg is genoeg.')).toBe('pushing');
  });

  it('asking: a genuine question about what happened', () => {
    expect(perspective('Vechtpartij op de kermis in Aalst? Weet iemand wat er gebeurd is?')).toBe('asking');
    expect(perspective('Is it true there was a fight at the fair in Aalst?')).toBe('asking');
    expect(perspective('Que s’est-il passé à la foire d’Alost ?')).toBe('asking');
  });

  it('a post outside the theme with none of these takes no part', () => {
    expect(perspective('Zalig weertje op de kermis vandaag.')).toBeNull();
  });
});

describe('narrative words and phrases', () => {
  it('one story in three languages shares its concept words', () => {
    expect(conceptWords('fr', ['bagarre', 'foire', 'alost'])).toEqual(['vechtpartij', 'kermis', 'aalst']);
    expect(conceptWords('en', ['fight', 'fair', 'aalst', 'tonight'])).toEqual([
      'vechtpartij',
      'kermis',
      'aalst',
      'tonight',
    ]);
  });

  it('title phrases: 3–4 words of the post’s own words, no person names, not starting or ending in a preposition', () => {
    const tokens = ['na', 'de', 'vechtpartij', 'is', 'het', 'wij', 'tegen', 'zij', 'in', 'aalst', 'zegt', 'jansens'];
    const allowed = new Set(['vechtpartij', 'aalst', 'zegt']);
    const p = phrasesOf('nl', tokens, allowed).map(phraseText);
    expect(p).toContain('wij tegen zij');
    expect(p.some((x) => x.includes('jansens'))).toBe(false);
    expect(p.every((x) => x.split(' ').length >= 3 && x.split(' ').length <= 4)).toBe(true);
    expect(p.some((x) => x.startsWith('in ') || x.endsWith(' in') || x.startsWith('de '))).toBe(false);
    // Never over a comma: "alost c est nous" is two clauses.
    const fr = ['bagarre', 'à', 'la', 'foire', 'd', 'alost', 'c', 'est', 'nous', 'contre', 'eux'];
    const clauses = [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1];
    const q = phrasesOf('fr', fr, new Set(['bagarre', 'foire', 'alost']), clauses).map(phraseText);
    expect(q).toContain('nous contre eux');
    expect(q.some((x) => x.includes('alost c') || (x.includes('alost') && x.includes('nous')))).toBe(false);
  });

  it('bad data gets a clear error naming the file and line', () => {
    expect(() => parseCues('c.tsv', 'lang\tperspective\tphrase\tsource\nnl\tshouting\tx\ty\n')).toThrow(/c\.tsv:2/);
    expect(() => parseCues('c.tsv', 'lang\tperspective\tphrase\tsource\nnl\tpushing\tx\ty\n')).toThrow(/countering/);
    expect(() => parseConcepts('k.tsv', 'nl\tfr\ten\tsource\nkermis\tfoire\tfun fair\tx\n')).toThrow(/k\.tsv:2/);
  });
});
