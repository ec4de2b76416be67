import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language';
import { tokenise } from './tokenise';

const detect = (s: string, hint?: string) => detectLanguage(tokenise(s), s, hint);

describe('detectLanguage', () => {
  it.each([
    ['Morgen gaan we naar de markt in Gent, wie gaat er mee?', 'nl'],
    ['Het recyclagepark is zaterdag gesloten', 'nl'],
    ['Demain on va au marché de Namur, qui vient ?', 'fr'],
    ['Les travaux devant l’hôtel de ville continuent', 'fr'],
    ['Heading to the market tomorrow, who is joining?', 'en'],
    ['The roadworks near the town hall again', 'en'],
  ])('%s → %s', (text, lang) => {
    expect(detect(text)).toBe(lang);
  });
  it('falls back to a valid hint, else other', () => {
    expect(detect('Kermis!', 'nl-BE')).toBe('nl');
    expect(detect('Kermis!')).toBe('other');
    expect(detect('Kermis Markt', 'de')).toBe('other');
  });
});
