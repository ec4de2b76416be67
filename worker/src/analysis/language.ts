import type { Lang } from '@trendwacht/shared';

/**
 * Language by a vote of distinctive function words (words frequent in one of nl/fr/en and
 * rare in the others), with orthographic hints. Falls back to a valid hint, else `other`.
 */
const WORDS: Record<Exclude<Lang, 'other'>, readonly string[]> = {
  nl: ['het', 'een', 'niet', 'dat', 'op', 'te', 'zijn', 'met', 'voor', 'ik', 'je', 'ze', 'maar', 'ook', 'nog', 'wat', 'naar', 'er', 'bij', 'om', 'al', 'dan', 'hier', 'heb', 'hebben', 'geen', 'wordt', 'worden', 'gaan', 'gaat', 'weer', 'echt', 'wie', 'zo', 'deze', 'mijn', 'onze', 'hun', 'hij', 'zij', 'omdat', 'want', 'vandaag', 'morgen', 'nu', 'wel', 'nooit', 'allemaal', 'iemand', 'moet', 'moeten', 'kan', 'van', 'uit', 'tegen', 'ons', 'mensen', 'goed', 'heel', 'zeer', 'waar', 'hoe', 'waarom', 'alles', 'niets', 'veel', 'meer', 'over', 'onder', 'tussen', 'na', 'zonder', 'toch', 'gewoon', 'eens'],
  fr: ['le', 'la', 'les', 'un', 'une', 'des', 'et', 'est', 'pas', 'que', 'qui', 'du', 'dans', 'pour', 'sur', 'avec', 'ce', 'cette', 'ces', 'je', 'tu', 'il', 'elle', 'nous', 'vous', 'ils', 'elles', 'sont', 'au', 'aux', 'ne', 'mais', 'ou', 'plus', 'très', 'aujourd', 'demain', 'c', 'l', 'd', 'qu', 'j', 'n', 's', 'leur', 'leurs', 'notre', 'nos', 'votre', 'mon', 'ma', 'mes', 'son', 'sa', 'ses', 'tout', 'tous', 'rien', 'jamais', 'aussi', 'encore', 'chez', 'contre', 'sans', 'être', 'avoir', 'fait', 'quel', 'quelle', 'comme', 'y'],
  en: ['the', 'and', 'are', 'not', 'that', 'this', 'of', 'to', 'for', 'on', 'with', 'it', 'you', 'they', 'be', 'have', 'has', 'but', 'or', 'my', 'our', 'their', 'who', 'what', 'today', 'tomorrow', 'again', 'just', 'so', 'there', 'them', 'these', 'those', 'from', 'about', 'all', 'no', 'never', 'because', 'people', 'should', 'would', 'can', 'will', 'do', 'does', 'i', 'me', 'he', 'she', 'his', 'her', 'we', 'anyone', 'else', 'such', 'at', 'by', 'an'],
};
/** Words shared by two languages vote for both, with less weight. */
const SHARED: Record<string, readonly Exclude<Lang, 'other'>[]> = {
  de: ['nl', 'fr'], is: ['nl', 'en'], en: ['nl', 'fr'], in: ['nl', 'en'], was: ['nl', 'en'], die: ['nl'], we: ['nl', 'en'], a: ['fr', 'en'],
};

const VOTES = new Map<string, Exclude<Lang, 'other'>>();
for (const [lang, words] of Object.entries(WORDS) as [Exclude<Lang, 'other'>, readonly string[]][]) {
  for (const w of words) if (!(w in SHARED) && !VOTES.has(w)) VOTES.set(w, lang);
}

const FR_CHARS = /[éèêëàâçùûôîœ]|\b[cdjlmnst]'|\bqu'/iu;
const NL_CHARS = /ij|\b\w+(?:heid|lijk|tje|tjes)\b|aa|uu|oe\b/iu;

export function detectLanguage(tokens: readonly string[], raw: string, hint?: string): Lang {
  const score = { nl: 0, fr: 0, en: 0 };
  for (const t of tokens) {
    const lang = VOTES.get(t);
    if (lang) score[lang] += 1;
    else {
      const shared = SHARED[t];
      if (shared) for (const l of shared) score[l] += 0.3;
    }
  }
  if (FR_CHARS.test(raw)) score.fr += 1;
  if (NL_CHARS.test(raw)) score.nl += 0.5;
  const ranked = (Object.entries(score) as [Exclude<Lang, 'other'>, number][]).sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  if (first && first[1] >= 1 && first[1] > (second?.[1] ?? 0)) return first[0];
  const h = hint?.slice(0, 2).toLowerCase();
  if (h === 'nl' || h === 'fr' || h === 'en') return h;
  return 'other';
}
