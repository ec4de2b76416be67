import { type AnalysedLang, NEGATIONS, polarityLexicon } from './lexicon';

/** Mean polarity of the words found in Pattern's lexicon; a negation flips the next two. */
export function sentiment(lang: AnalysedLang, tokens: readonly string[]): number {
  const lex = polarityLexicon(lang);
  const neg = NEGATIONS[lang];
  let sum = 0;
  let n = 0;
  let flip = 0;
  for (const t of tokens) {
    if (neg.has(t)) {
      flip = 2;
      continue;
    }
    const p = lex.get(t) ?? lex.get(baseForm(lang, t));
    if (p !== undefined) {
      sum += flip > 0 ? -p : p;
      n++;
    }
    if (flip > 0) flip--;
  }
  return n === 0 ? 0 : clamp(sum / n, -1, 1);
}

/** Pattern lists base forms: "mooie" → "mooi", "belles" → "belle"/"bel". */
function baseForm(lang: AnalysedLang, word: string): string {
  if (lang === 'nl' && word.length > 4 && word.endsWith('e')) return word.slice(0, -1);
  if (lang === 'fr' && word.length > 4 && word.endsWith('s')) return word.slice(0, -1);
  if (lang === 'en' && word.length > 4 && word.endsWith('s')) return word.slice(0, -1);
  return word;
}

/** Insults and profanity (not hate by themselves: no group is targeted). */
export const INSULTS: Record<AnalysedLang, ReadonlySet<string>> = {
  nl: new Set([
    'kut',
    'klootzak',
    'klootzakken',
    'idioot',
    'idioten',
    'debiel',
    'debielen',
    'sukkel',
    'sukkels',
    'lul',
    'eikel',
    'eikels',
    'hoer',
    'stomme',
    'achterlijk',
    'achterlijke',
    'kanker',
    'tyfus',
    'godverdomme',
    'shit',
    'fuck',
    'zak',
    'smeerlap',
    'smeerlappen',
    'tuig',
    'uitschot',
    'ongedierte',
    'parasieten',
    'ratten',
  ]),
  fr: new Set([
    'putain',
    'connard',
    'connards',
    'conne',
    'merde',
    'salope',
    'enculé',
    'enculés',
    'idiot',
    'idiots',
    'débile',
    'débiles',
    'crétin',
    'crétins',
    'racaille',
    'vermine',
    'parasites',
    'ordure',
    'ordures',
  ]),
  en: new Set([
    'fuck',
    'fucking',
    'shit',
    'idiot',
    'idiots',
    'moron',
    'morons',
    'stupid',
    'bastard',
    'bastards',
    'bitch',
    'scum',
    'vermin',
    'parasites',
    'trash',
    'damn',
    'crap',
  ]),
};

/** 0..1 from insults and profanity alone (the model's toxicity head comes on top). */
export function toxicity(lang: AnalysedLang, tokens: readonly string[]): number {
  const insults = INSULTS[lang];
  let hits = 0;
  for (const t of tokens) if (insults.has(t)) hits++;
  return 1 - 0.5 ** hits;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
