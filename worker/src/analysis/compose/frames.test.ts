import { describe, expect, it } from 'vitest';
import { normaliseText } from '../normalise';
import { createAnalyzer } from '../pipeline';
import { tokenise } from '../tokenise';
import { compose } from './compose';
import { LexiconError, parseLexicon } from './lexicon-data';

/** Synthetic sentences written for these tests (never dataset or suite text). */
const trope = (lang: 'nl' | 'fr' | 'en', text: string, theme: string) => {
  const clean = normaliseText(text);
  return compose(lang, tokenise(clean), clean).tropes.find((t) => t.theme === theme);
};
const carries = (lang: 'nl' | 'fr' | 'en', text: string, theme: string) =>
  (trope(lang, text, theme)?.score ?? 0) >= 0.5;

describe('claims made of parts (frames)', () => {
  it('a benefit myth needs the group, the gift and a figure or an unfair comparison', () => {
    expect(carries('nl', 'Elke vluchteling in Hasselt krijgt gratis een fiets en 900 euro', 'disinfo')).toBe(true);
    expect(carries('en', 'refugees get free flats while our pensioners freeze', 'disinfo')).toBe(true);
    // The group and the gift alone are news, not a myth.
    expect(carries('nl', 'Vluchtelingen krijgen gratis taallessen in de bib', 'disinfo')).toBe(false);
  });
  it('a part that is denied is no part ("krijgen ze niet")', () => {
    expect(carries('nl', 'Nee, asielzoekers krijgen niet elke maand gratis geld', 'disinfo')).toBe(false);
  });
  it('a fact check refutes the claim; an appeal to authority vouches for it', () => {
    const checked = trope('nl', 'Factcheck: migranten krijgen geen 3.000 euro gratis per maand', 'disinfo');
    expect(checked?.score ?? 0).toBeLessThan(0.5);
    expect(carries('fr', 'Les migrants touchent 3000 euros gratuitement, chiffres officiels', 'disinfo')).toBe(true);
  });
  it('media silence is the media and a word of hiding', () => {
    expect(carries('fr', 'La presse cache tout sur ce qui se passe dans nos quartiers', 'disinfo')).toBe(true);
    expect(carries('fr', 'La presse locale couvre le marché de Noël', 'disinfo')).toBe(false);
  });
  it('shunning a political camp is polarisation; "!talk" is talk denied', () => {
    expect(carries('en', "never talk to leftists again, they're the enemy", 'polarisation')).toBe(true);
    expect(carries('nl', 'Praat niet met rechtse mensen, dat zijn allemaal fascisten', 'polarisation')).toBe(true);
    expect(carries('nl', 'Praat met elkaar, ook met wie anders stemt', 'polarisation')).toBe(false);
  });
  it('elite against the people', () => {
    expect(carries('fr', 'Cette caste a trahi le peuple belge', 'polarisation')).toBe(true);
    expect(carries('fr', 'Le peuple belge élit ses députés en juin', 'polarisation')).toBe(false);
  });
  it('a belief told of someone else is reported; the speaker’s own is a claim', () => {
    const aunt = trope('nl', 'Mijn nonkel denkt dat het vaccin ons bewust ziek maakt', 'conspiracy');
    expect(aunt?.stance).toBe('informing');
    expect(carries('nl', 'Het vaccin maakt ons bewust ziek, wakker worden', 'conspiracy')).toBe(true);
  });
  it('islamist frames: a religious law above the state’s, a fight for God', () => {
    expect(carries('en', 'sharia must stand above belgian law', 'islamist')).toBe(true);
    expect(carries('fr', 'Frères, le combat nous attend, rejoignez-nous', 'islamist')).toBe(true);
    expect(carries('en', 'the history class covered the caliphate of cordoba', 'islamist')).toBe(false);
  });
});

describe('the tone of a post that pushes a claim', () => {
  it('is negative without a single negative adjective', () => {
    const analyze = createAnalyzer();
    const r = analyze({ id: 't', text: 'Ofwel zijt ge met ons, ofwel zijt ge een verrader', lang: 'nl' });
    expect(r.ok && r.analysis.sentiment).toBeLessThan(0);
    const calm = analyze({ id: 'c', text: 'We praten zaterdag samen over het nieuwe plein', lang: 'nl' });
    expect(calm.ok && calm.analysis.sentiment).toBeGreaterThanOrEqual(0);
  });
});

describe('frames as data', () => {
  it('a frame is two parts or more, and a bad one fails loudly', () => {
    const rows = parseLexicon('frames', 'frame\ttheme\ttrope\tsource\nfoo+bar\tdisinfo\tx\ttrendwacht\n', 't');
    expect(rows).toHaveLength(1);
    expect(() => parseLexicon('frames', 'frame\ttheme\ttrope\tsource\nfoo\tdisinfo\tx\ttrendwacht\n', 't')).toThrow(
      LexiconError,
    );
  });
});
