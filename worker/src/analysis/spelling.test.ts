import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseText } from './normalise';
import { innerEdits, repairWord } from './spelling';
import { tokenise } from './tokenise';

/** Synthetic words and sentences written for these tests (no dataset text). */
describe('spelling repair', () => {
  it('repairs a dropped or swapped inner letter of a watched word', () => {
    expect(repairWord('en', 'muslms')).toBe('muslims');
    expect(repairWord('en', 'immigarnts')).toBe('immigrants');
    expect(repairWord('nl', 'vluchtelngen')).toBe('vluchtelingen');
    expect(repairWord('fr', 'musulamns')).toBe('musulmans');
  });
  it('leaves known words, short words and first or last letters alone', () => {
    expect(repairWord('en', 'omen')).toBe('omen');
    expect(repairWord('en', 'women')).toBe('women');
    expect(repairWord('nl', 'markt')).toBe('markt');
    expect(repairWord('en', 'uslims')).toBe('uslims');
  });
  it("unmasks letters hidden by * when at least half are shown, in the post's language", () => {
    const masked = normaliseText('Those m*slims again');
    expect(tokenise(masked)).toHaveLength(3);
    const word = tokenise(masked)[1] as string;
    expect(repairWord('en', word)).toBe('muslims');
    expect(repairWord('nl', tokenise(normaliseText('m*slims'))[0] as string)).toBe('moslims');
    expect(repairWord('en', tokenise(normaliseText('x****s'))[0] as string)).toBe('xs');
    expect(repairWord('en', tokenise(normaliseText('qu*zzy'))[0] as string)).toBe('quzzy');
  });
  it('every inner edit of a watched word comes back to a word of the same group', () => {
    const words = ['immigrants', 'vluchtelingen', 'musulmanes', 'asielzoekers'];
    fc.assert(
      fc.property(fc.constantFrom(...words), fc.nat(), (word, n) => {
        const edits = innerEdits(word).filter((e) => e !== word);
        const edit = edits[n % edits.length] as string;
        const lang = word === 'musulmanes' ? 'fr' : word === 'immigrants' ? 'en' : 'nl';
        const fixed = repairWord(lang, edit);
        // The repair is the word, or another watched form of it ("immigrant" for "immigrants").
        expect(fixed.slice(0, 5)).toBe(word.slice(0, 5));
        expect(tokenise(fixed)).toHaveLength(1);
      }),
      { numRuns: 200 },
    );
  });
});
