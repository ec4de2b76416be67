import type { Lang } from '@trendwacht/shared';
import { eld } from 'eld/small';
import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language';
import { loadShortSuite, measure, percent, prepareText } from './language-eval';
import { normalisePrior, parseHint } from './language-hint';
import { detectLanguageLegacy } from './language-legacy';
import { NGRAM_LANGS, ngramScores, scaleScore } from './language-ngrams';

/** As the pipeline calls it: scrubbed, normalised text and its tokens. */
const detect = (s: string, hint?: string, prior?: readonly Lang[]) => {
  const { tokens, raw } = prepareText(s);
  return detectLanguage(tokens, raw, hint, prior);
};

describe('detectLanguage', () => {
  it.each([
    ['Morgen gaan we naar de markt in Gent, wie gaat er mee?', 'nl'],
    ['Het recyclagepark is zaterdag gesloten', 'nl'],
    ['Demain on va au marché de Namur, qui vient ?', 'fr'],
    ['Les travaux devant l’hôtel de ville continuent', 'fr'],
    ['Heading to the market tomorrow, who is joining?', 'en'],
    ['The roadworks near the town hall again', 'en'],
  ])('sentences: %s → %s', (text, lang) => {
    expect(detect(text)).toBe(lang);
  });

  it.each([
    ['Ge zijt gij ne schone mens', 'nl'],
    ["'t Is wreed schoon weer", 'nl'],
    ["Amai, da's straf", 'nl'],
    ['Allez, tot morgen', 'nl'],
    ['Wa is me da hier', 'nl'],
    ['Goedemorgen Nederland!', 'nl'],
    ['Vandaag stemmen we tegen.', 'nl'],
    ['Sterk verhaal van @x', 'nl'],
    ['Mooie avond in Gent #BlackLivesMatter 🌈', 'nl'],
    ['Je hais les femmes.', 'fr'],
    ['Jsuis crevé mdr', 'fr'],
    ['Good morning everyone!', 'en'],
    ['idk what to say tbh', 'en'],
  ])('short posts with no hint: %s → %s', (text, lang) => {
    expect(detect(text)).toBe(lang);
  });

  it.each([
    ['Guten Morgen zusammen, wie geht es euch?'],
    ['Buenos días a todos'],
    ['Grazie mille ragazzi'],
    ['Bugün hava çok güzel'],
    ['Dziękuję bardzo'],
    ['Доброе утро всем'],
    ['Hasta mañana'],
  ])('other languages stay other: %s', (text) => {
    expect(detect(text)).toBe('other');
  });

  it('very short posts: the first expected language only when plausible in it', () => {
    expect(detect('Hoera!')).toBe('nl'); // Dutch letters (oe), no foreign certainty
    expect(detect('Kermis!')).toBe('nl'); // a Dutch word; one French-looking n-gram is no reason to leave Dutch
    expect(detect('Onzin')).toBe('nl'); // eld knows none of its n-grams: the Dutch dictionary does
    expect(detect('Danke')).toBe('other'); // neither a Dutch word nor Dutch letters
    expect(detect('Servus')).toBe('other');
    expect(detect('Hoera!', undefined, ['fr', 'nl'])).toBe('other'); // a French-first tenant: not plausible French
  });

  it('respects a hint unless the text clearly is another analysed language', () => {
    expect(detect('Kermis!', 'nl-BE')).toBe('nl');
    expect(detect('Top!', 'fr_BE')).toBe('fr');
    expect(detect('Super', 'en-GB')).toBe('en');
    expect(detect('Goedemorgen Nederland!', 'fr')).toBe('nl'); // clearly Dutch
    expect(detect('Je hais les femmes.', 'nl')).toBe('fr'); // clearly French
    expect(detect('Kermis Markt', 'de')).toBe('other'); // a language we do not analyse
    expect(detect('Het is een mooie dag vandaag in Gent', 'de')).toBe('nl'); // wrong platform label, clearly Dutch
    expect(detect('Hoera!', 'und')).toBe('nl'); // "undetermined" says nothing
  });

  it('decides among the tenant’s expected languages and other', () => {
    expect(detect('Good morning everyone!', undefined, ['nl', 'fr'])).toBe('other');
    expect(detect('Good morning everyone!', undefined, ['nl', 'fr', 'en'])).toBe('en');
    expect(detect('Bonjour à tous !', undefined, ['nl'])).toBe('other');
    expect(detect('Top!', undefined, ['nl'])).toBe('nl');
    expect(detect('Top!', undefined, ['fr', 'nl'])).toBe('fr');
    // An expected language's hint widens the choice: English is analysed, so a hinted English post stays English.
    expect(detect('Good morning everyone!', 'en', ['nl', 'fr'])).toBe('en');
  });

  it('keeps the old three-argument call working', () => {
    const { tokens, raw } = prepareText('Vandaag stemmen we tegen.');
    expect(detectLanguage(tokens, raw)).toBe('nl');
    expect(detectLanguage(tokens, raw, 'nl')).toBe('nl');
  });

  it('meets the targets on the synthetic short-post suite (and beats the old detector there)', () => {
    const cases = loadShortSuite();
    const counts = Object.fromEntries(
      (['nl', 'fr', 'en', 'other'] as const).map((l) => [l, cases.filter((c) => c.lang === l).length]),
    );
    expect(counts.nl).toBeGreaterThanOrEqual(150);
    expect(counts.fr).toBeGreaterThanOrEqual(100);
    expect(counts.en).toBeGreaterThanOrEqual(100);
    expect(counts.other).toBeGreaterThanOrEqual(60);
    const now = measure(cases, (t, r) => detectLanguage(t, r)).get('short');
    const old = measure(cases, (t, r) => detectLanguageLegacy(t, r)).get('short');
    const pct = (m: typeof now, l: Lang) => percent(m?.get(l) ?? { n: 0, ok: 0, misses: [] });
    expect(pct(now, 'nl'), `nl misses: ${now?.get('nl')?.misses}`).toBeGreaterThanOrEqual(99);
    expect(pct(now, 'fr'), `fr misses: ${now?.get('fr')?.misses}`).toBeGreaterThanOrEqual(97);
    expect(pct(now, 'en'), `en misses: ${now?.get('en')?.misses}`).toBeGreaterThanOrEqual(97);
    expect(pct(now, 'other'), `other misses: ${now?.get('other')?.misses}`).toBeGreaterThanOrEqual(90);
    expect(pct(now, 'nl')).toBeGreaterThan(pct(old, 'nl'));
  });
});

describe('parseHint and normalisePrior', () => {
  it('reads platform language fields', () => {
    expect(parseHint('nl-BE')).toEqual({ kind: 'analysed', lang: 'nl' });
    expect(parseHint('FR_be')).toEqual({ kind: 'analysed', lang: 'fr' });
    expect(parseHint('en-GB')).toEqual({ kind: 'analysed', lang: 'en' });
    expect(parseHint('vls')).toEqual({ kind: 'analysed', lang: 'nl' });
    expect(parseHint('de')).toEqual({ kind: 'foreign' });
    expect(parseHint('und')).toBeUndefined();
    expect(parseHint('qme')).toBeUndefined();
    expect(parseHint('')).toBeUndefined();
    expect(parseHint('not a code')).toBeUndefined();
  });
  it('keeps analysed languages of the prior, in order, defaulting to nl, fr, en', () => {
    expect(normalisePrior(['fr', 'other', 'nl', 'fr'])).toEqual(['fr', 'nl']);
    expect(normalisePrior([])).toEqual(['nl', 'fr', 'en']);
    expect(normalisePrior(undefined)).toEqual(['nl', 'fr', 'en']);
  });
});

describe('ngramScores', () => {
  it('agrees with eld.detect() on the top language', () => {
    const texts = loadShortSuite().map((c) => c.text);
    let agree = 0;
    for (const t of texts) {
      const { sums, grams } = ngramScores(t);
      let top = -1;
      let topScore = 0;
      sums.forEach((s, i) => {
        const v = scaleScore(s, grams);
        if (v > topScore) {
          top = i;
          topScore = v;
        }
      });
      if ((top < 0 ? '' : NGRAM_LANGS[top]) === eld.detect(t).language) agree++;
    }
    expect(agree).toBe(texts.length);
  });
});
