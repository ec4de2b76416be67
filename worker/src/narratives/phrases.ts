import { readFileSync } from 'node:fs';
import { PHRASE_JOIN } from '@trendwacht/shared';
import { type AnalysedLang, NEGATIONS, STOPWORDS } from '../analysis/lexicon';
import { readTsv } from '../tsv';

/** Title phrases are this many words long (5-word sequences never rest: privacy-audit). */
export const PHRASE_MIN = 3;
export const PHRASE_MAX = 4;
/** Phrases kept of one post. */
const PER_POST = 20;

function parseEdges(file: string, text: string): Record<AnalysedLang, ReadonlySet<string>> {
  const { header, rows } = readTsv(text);
  if (header.join('\t') !== 'lang\twords\tsource') throw new Error(`${file}: header must be lang, words, source`);
  const out = { nl: new Set<string>(), fr: new Set<string>(), en: new Set<string>() };
  for (const { line, cells } of rows) {
    const [lang, words, source] = cells;
    if (!(lang === 'nl' || lang === 'fr' || lang === 'en') || !words || !source) {
      throw new Error(`${file}:${line}: lang (nl, fr, en), words and source are required`);
    }
    for (const w of words.split(',')) out[lang].add(w.trim());
  }
  return out;
}

let edges: Record<AnalysedLang, ReadonlySet<string>> | undefined;
const edgeWords = () => {
  edges ??= parseEdges('phrase-edges.tsv', readFileSync(new URL('./phrase-edges.tsv', import.meta.url), 'utf8'));
  return edges;
};

/**
 * Candidate title phrases of a post: runs of 3–4 words whose every word is one of the
 * post's own content words (`allowed`: its terms, person names already removed) or a
 * function word ("wij tegen zij" is all function words, and the claim itself), not
 * starting or ending with an article, preposition or conjunction, and inside one clause. They are counted like terms — a keyed hash until k authors
 * used one, so a phrase is shown only when k people wrote it. Each rests as one token
 * (words joined by PHRASE_JOIN).
 */
export function phrasesOf(
  lang: AnalysedLang,
  tokens: readonly string[],
  allowed: ReadonlySet<string>,
  /** The clause of each token, or how to read them (read only once a run of words could be a phrase). */
  clauses?: readonly number[] | (() => readonly number[]),
): string[] {
  const stop = STOPWORDS[lang];
  const neg = NEGATIONS[lang];
  const edge = edgeWords()[lang];
  let clauseOf = typeof clauses === 'function' ? undefined : clauses;
  const out = new Set<string>();
  // Whether each word may be inside a phrase, read once per word (not once per run it is in).
  const fits = tokens.map((w) => allowed.has(w) || stop.has(w) || neg.has(w));
  for (let i = 0; i < tokens.length && out.size < PER_POST; i++) {
    for (let n = PHRASE_MIN; n <= PHRASE_MAX && i + n <= tokens.length; n++) {
      if (edge.has(tokens[i] as string) || edge.has(tokens[i + n - 1] as string)) continue;
      let j = i;
      while (j < i + n && fits[j]) j++;
      if (j < i + n) continue;
      // Within one clause: a phrase never runs over a comma or a full stop (nor does a longer run from i).
      if (typeof clauses === 'function') clauseOf ??= clauses();
      if (clauseOf && clauseOf[i] !== clauseOf[i + n - 1]) break;
      out.add(tokens.slice(i, i + n).join(PHRASE_JOIN));
    }
  }
  return [...out];
}
