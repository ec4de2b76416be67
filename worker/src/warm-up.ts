import { knownWords } from './analysis/compose/known-words';
import type { AnalysedLang } from './analysis/lexicon';
import { personNameWords } from './analysis/person-names';
import { conceptWords } from './narratives/concepts';
import { readPost } from './narratives/perspective';
import { phrasesOf } from './narratives/phrases';
import type { Analyze } from './process-batch';

/**
 * Synthetic posts (written for this purpose) that take every language through the whole
 * analysis, spelling repair included: each loads what it reads lazily (word lists of
 * 300,000 words, lexicons, the model's tables) before the first batch instead of inside it.
 */
const POSTS: Record<AnalysedLang, readonly string[]> = {
  nl: [
    'De wegenwerken in de Stationsstraat duren weer langer, wie beslist dat eigenlijk?',
    'Ik vind die mgranten niet welkom hier #stopdewerken',
  ],
  fr: [
    'Les travaux de la place communale durent encore, qui décide de cela ?',
    'Je pense que ces migrnts ne sont pas les bienvenus ici',
  ],
  en: [
    'The roadworks on the main square take longer again, who decides that?',
    'I think those migrnts are not welcome here',
  ],
};

/**
 * Warms a worker's analyzer and the narrative readers up at start: loading them in the first
 * batch cost seconds of CPU inside it (≈ 4 s for the known-word lists alone on a busy
 * machine), delaying that batch's push to the dashboard by as much.
 */
export function warmUp(analyze: Analyze): void {
  // Without a language given: the language detector packs its n-gram table on first use (≈ 0.3–1 s).
  analyze({ id: 'warm-up-detect', text: POSTS.nl[0] as string });
  for (const [lang, texts] of Object.entries(POSTS) as [AnalysedLang, readonly string[]][]) {
    knownWords(lang);
    texts.forEach((text, i) => {
      analyze({ id: `warm-up-${lang}-${i}`, text, lang });
      const reading = readPost(lang, text);
      phrasesOf(lang, reading.tokens, new Set(reading.tokens), reading.clauses);
      conceptWords(lang, reading.tokens);
      personNameWords(lang, text);
    });
  }
}
