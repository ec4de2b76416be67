import { CUE_KINDS, type CueKind, loadCues } from './compose/lexicon-data';
import type { AnalysedLang } from './lexicon';

export type { CueKind } from './compose/lexicon-data';

/**
 * Word lists behind the context rules, per language, read from `worker/lexicons/<lang>/cues.tsv`
 * (see its README). They describe *how* something is said (condemning, reporting, supporting,
 * dehumanising, addressing someone), not who is targeted. Phrases are matched on stems, so
 * inflected forms match too.
 */
export const CUES: Record<CueKind, Record<AnalysedLang, readonly string[]>> = byKind();

function byKind(): Record<CueKind, Record<AnalysedLang, readonly string[]>> {
  const langs = { nl: loadCues('nl'), fr: loadCues('fr'), en: loadCues('en') };
  const out = {} as Record<CueKind, Record<AnalysedLang, readonly string[]>>;
  for (const k of CUE_KINDS) out[k] = { nl: langs.nl[k], fr: langs.fr[k], en: langs.en[k] };
  return out;
}
