import { type AnalysedLang, stem } from './lexicon';
import { tokenise } from './tokenise';

export type PhraseMatch<T> = { value: T; term: string; pos: number; len: number };

type Phrase<T> = { stems: string[]; exact: (string | undefined)[]; term: string; value: T };

/**
 * Phrases compiled to stem sequences for one language, indexed by their first stem, so a
 * post is scanned once whatever the number of phrases. A word written `=word` must appear
 * as written, not just share its stem: the stemmer folds "hateful" into "hate" and "tués"
 * into "tu", which would make a condemnation of hate match hate itself.
 */
export class PhraseIndex<T> {
  private readonly byFirst = new Map<string, Phrase<T>[]>();

  constructor(private readonly lang: AnalysedLang) {}

  add(term: string, value: T): this {
    const stems: string[] = [];
    const exact: (string | undefined)[] = [];
    for (const part of term.split(' ')) {
      const isExact = part.startsWith('=');
      for (const t of tokenise(isExact ? part.slice(1) : part)) {
        stems.push(stem(this.lang, t));
        exact.push(isExact ? t : undefined);
      }
    }
    const first = stems[0];
    if (!first) return this;
    const list = this.byFirst.get(first) ?? [];
    list.push({ stems, exact, term: term.replaceAll('=', ''), value });
    this.byFirst.set(first, list);
    return this;
  }

  /** Every occurrence of every phrase, in post order (`tokens` are the words the stems came from). */
  find(stems: readonly string[], tokens: readonly string[]): PhraseMatch<T>[] {
    const out: PhraseMatch<T>[] = [];
    for (let i = 0; i < stems.length; i++) {
      const candidates = this.byFirst.get(stems[i] as string);
      if (!candidates) continue;
      for (const p of candidates) {
        if (matchesAt(stems, tokens, i, p)) out.push({ value: p.value, term: p.term, pos: i, len: p.stems.length });
      }
    }
    return out;
  }
}

function matchesAt<T>(stems: readonly string[], tokens: readonly string[], at: number, p: Phrase<T>): boolean {
  for (let j = 0; j < p.stems.length; j++) {
    if (stems[at + j] !== p.stems[j]) return false;
    const exact = p.exact[j];
    if (exact !== undefined && tokens[at + j] !== exact) return false;
  }
  return true;
}

/** A phrase whose every word must appear as written (see PhraseIndex). */
export const exactly = (phrase: string) =>
  phrase
    .split(' ')
    .map((w) => `=${w}`)
    .join(' ');

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
