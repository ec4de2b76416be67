import { describe, expect, it } from 'vitest';
import { phraseLang } from './terms';

describe('the language of a title phrase', () => {
  it('reads Dutch, French and English phrases by their ordinary vocabulary', () => {
    expect(phraseLang('vechtpartij op de kermis')).toBe('nl');
    expect(phraseLang('wij tegen zij')).toBe('nl');
    expect(phraseLang('bagarre à la foire')).toBe('fr');
    expect(phraseLang('nous contre eux maintenant')).toBe('fr');
    expect(phraseLang('fight at the fair')).toBe('en');
  });
});
