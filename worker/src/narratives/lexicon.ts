import { readFileSync } from 'node:fs';
import { PERSPECTIVES, type PerspectiveId } from '@trendwacht/shared';
import type { AnalysedLang } from '../analysis/lexicon';
import { PhraseIndex } from '../analysis/phrases';
import { readTsv } from '../tsv';

/**
 * The narratives' own data: cues of a post's perspective (`perspective-cues.tsv`) and a
 * small translation lexicon of theme vocabulary (`concepts.tsv`). Read once, validated:
 * a bad row is a clear error naming its file and line.
 */
const LANGS_READ: readonly AnalysedLang[] = ['nl', 'fr', 'en'];
const read = (file: string) => readFileSync(new URL(`./${file}`, import.meta.url), 'utf8');

function expectHeader(file: string, header: string[], want: string[]) {
  if (header.join('\t') !== want.join('\t')) throw new Error(`${file}: header must be ${want.join(', ')}`);
}

export type CueIndex = Record<AnalysedLang, PhraseIndex<PerspectiveId>>;

export function parseCues(file: string, text: string): CueIndex {
  const { header, rows } = readTsv(text);
  expectHeader(file, header, ['lang', 'perspective', 'phrase', 'source']);
  const out = Object.fromEntries(LANGS_READ.map((l) => [l, new PhraseIndex<PerspectiveId>(l)])) as CueIndex;
  for (const { line, cells } of rows) {
    const [lang, p, phrase, source] = cells;
    if (!LANGS_READ.includes(lang as AnalysedLang)) throw new Error(`${file}:${line}: unknown language ${lang}`);
    if (!PERSPECTIVES.includes(p as PerspectiveId) || p === 'pushing') {
      throw new Error(`${file}:${line}: perspective must be countering, informing or asking`);
    }
    if (!phrase?.trim() || !source?.trim()) throw new Error(`${file}:${line}: phrase and source are required`);
    out[lang as AnalysedLang].add(phrase, p as PerspectiveId);
  }
  return out;
}

/** word (any language) → the Dutch form of its concept. */
export type ConceptMap = Record<AnalysedLang, ReadonlyMap<string, string>>;

export function parseConcepts(file: string, text: string): ConceptMap {
  const { header, rows } = readTsv(text);
  expectHeader(file, header, ['nl', 'fr', 'en', 'source']);
  const out = { nl: new Map<string, string>(), fr: new Map<string, string>(), en: new Map<string, string>() };
  for (const { line, cells } of rows) {
    if (cells.length !== 4 || !cells[3]?.trim()) throw new Error(`${file}:${line}: nl, fr, en and source are required`);
    const forms = cells.slice(0, 3).map((c) => c.split(',').map((w) => w.trim().toLowerCase()));
    const canon = forms[0]?.[0];
    if (!canon || forms.some((f) => f.some((w) => !/^\p{L}+$/u.test(w)))) {
      throw new Error(`${file}:${line}: forms must be single words`);
    }
    LANGS_READ.forEach((lang, i) => {
      for (const w of forms[i] ?? []) out[lang].set(w, canon);
    });
  }
  return out;
}

let cues: CueIndex | undefined;
let concepts: ConceptMap | undefined;
export const perspectiveCues = () => {
  cues ??= parseCues('perspective-cues.tsv', read('perspective-cues.tsv'));
  return cues;
};
export const conceptMap = () => {
  concepts ??= parseConcepts('concepts.tsv', read('concepts.tsv'));
  return concepts;
};
