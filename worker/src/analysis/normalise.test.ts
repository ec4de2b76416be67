import { describe, expect, it } from 'vitest';
import { normaliseText, splitHashtag } from './normalise';

describe('normaliseText', () => {
  it('splits CamelCase hashtags into words', () => {
    expect(normaliseText('#StopDeWegenwerken nu')).toBe('Stop De Wegenwerken nu');
    expect(splitHashtag('kermis_aalst')).toBe('kermis aalst');
  });
  it('undoes leetspeak inside words', () => {
    expect(normaliseText('h44t en mosl1m')).toBe('haat en moslim');
    // "!" between letters is an i; at the end of a word it stays punctuation.
    expect(normaliseText('ju!fs, echt!')).toBe('juifs, echt!');
    // Letters as emoji, and a bar for an l.
    expect(normaliseText('m🅾️slims en mus|ims')).toBe('moslims en muslims');
    expect(normaliseText('🇭🇦🇦🇹')).toBe('haat');
    expect(normaliseText('Hallo 🇧🇪')).toBe('Hallo 🇧🇪');
  });
  it('joins spaced-out letters', () => {
    expect(normaliseText('dit is h a a t')).toBe('dit is haat');
    expect(normaliseText('i hate g-a-y people')).toBe('i hate gay people');
    // three letters need one dash, dot or star throughout; a date or a range stays
    expect(normaliseText('N-VA en a-b c')).toBe('N-VA en a-b c');
    expect(normaliseText('op 1-2-3 mei')).toBe('op 1-2-3 mei');
  });
  it('shortens elongations and removes invisible characters', () => {
    expect(normaliseText('zooooo moooi\u200B!')).toBe('zoo mooi!');
  });
  it('leaves numbers, times and ordinary text alone', () => {
    expect(normaliseText('Om 20u30 in zaal 3, 1e verdiep')).toBe('Om 20u30 in zaal 3, 1e verdiep');
  });
});

describe('hashtag segmentation', () => {
  it('splits lowercase hashtags into known words', () => {
    expect(normaliseText('#stopdeislamisering')).toBe('stop de islamisering');
    expect(normaliseText('#wijtegenzij')).toBe('wij tegen zij');
  });
  it('leaves a hashtag whole when it is not mostly known words', () => {
    expect(normaliseText('#kermisaalst')).toBe('kermisaalst');
    expect(normaliseText('#qwrtzplk')).toBe('qwrtzplk');
  });
});
