import type { AnalysedLang } from '../lexicon';
import type { LexiconIndex } from './lexicon-index';

/**
 * Compounds and diminutives around a group's name: "moslimkes", "migrantjes" (a diminutive),
 * "vluchtelingenvolk", "zigeunertuig", "moslimfamilie" (the group and what it is called).
 */
export function compound(index: LexiconIndex, token: string): string[] | undefined {
  for (const end of DIMINUTIVES[index.lang]) {
    if (token.length <= end.length + 3 || !token.endsWith(end)) continue;
    const root = token.slice(0, -end.length);
    for (const g of [root, `${root}s`, `${root}en`, `${root}n`]) if (index.groupWords.has(g)) return [g];
  }
  // Only Dutch writes such compounds as one word.
  if (index.lang !== 'nl') return undefined;
  for (let cut = token.length - 3; cut >= 5; cut--) {
    const head = token.slice(0, cut);
    if (!index.groupWords.has(head)) continue;
    const rest = token.slice(cut);
    if (rest.length >= 4 && index.watched.has(rest)) return [head, rest];
    if (COLLECTIVES.has(rest)) return [head];
  }
  return undefined;
}

const DIMINUTIVES: Record<AnalysedLang, readonly string[]> = {
  nl: ['tjes', 'tje', 'jes', 'je', 'kes', 'ke', 'ekes', 'eke', 'skes', 'ske'],
  fr: [],
  en: [],
};
/** What a compound may call a group by ("-familie", "-volk"): a mention, nothing more. */
const COLLECTIVES: ReadonlySet<string> = new Set([
  'familie',
  'families',
  'gezin',
  'gezinnen',
  'volk',
  'mensen',
  'mannen',
  'vrouwen',
  'jongeren',
  'kinderen',
  'gemeenschap',
  'bende',
  'bendes',
  'groep',
  'groepen',
  'buurt',
  'wijk',
]);
