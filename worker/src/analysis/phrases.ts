import { type AnalysedLang, stem } from './lexicon';
import { tokenise } from './tokenise';

export type PhraseMatch<T> = { value: T; term: string; pos: number; len: number };

/**
 * Phrases compiled to stem sequences for one language, indexed by their first stem, so a
 * post is scanned once whatever the number of phrases.
 */
export class PhraseIndex<T> {
  private readonly byFirst = new Map<string, { stems: string[]; term: string; value: T }[]>();

  constructor(private readonly lang: AnalysedLang) {}

  add(term: string, value: T): this {
    const stems = tokenise(term).map((t) => stem(this.lang, t));
    const first = stems[0];
    if (!first) return this;
    const list = this.byFirst.get(first) ?? [];
    list.push({ stems, term, value });
    this.byFirst.set(first, list);
    return this;
  }

  /** Every occurrence of every phrase, in post order. */
  find(stems: readonly string[]): PhraseMatch<T>[] {
    const out: PhraseMatch<T>[] = [];
    for (let i = 0; i < stems.length; i++) {
      const candidates = this.byFirst.get(stems[i] as string);
      if (!candidates) continue;
      for (const p of candidates) {
        if (matchesAt(stems, i, p.stems)) out.push({ value: p.value, term: p.term, pos: i, len: p.stems.length });
      }
    }
    return out;
  }
}

function matchesAt(stems: readonly string[], at: number, phrase: readonly string[]): boolean {
  for (let j = 0; j < phrase.length; j++) if (stems[at + j] !== phrase[j]) return false;
  return true;
}

/** One index per analysed language, built on first use. */
export function perLanguage<T>(build: (lang: AnalysedLang) => PhraseIndex<T>): (lang: AnalysedLang) => PhraseIndex<T> {
  const cache = new Map<AnalysedLang, PhraseIndex<T>>();
  return (lang) => {
    let idx = cache.get(lang);
    if (!idx) {
      idx = build(lang);
      cache.set(lang, idx);
    }
    return idx;
  };
}
