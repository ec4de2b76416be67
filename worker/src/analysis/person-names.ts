import { readFileSync } from 'node:fs';
import { readTsv } from '../tsv';
import type { AnalysedLang } from './lexicon';

/**
 * Person names are never terms: a name said by enough people to pass k is still about one
 * person, and Trendwacht shows phenomena, never persons. Names are found in the post as
 * written (capitals matter, so before lower-casing), per language, from data:
 *   - a capitalised first name from `names/first-names.tsv` ("Jan", "Marie");
 *   - a capitalised word after a title from `names/name-cues.tsv` ("schepen Janssens",
 *     "Mme Dubois", "councillor Smith");
 *   - and the capitalised words that follow a name, across lower-case particles
 *     ("Jan van Dijk", "Marie de la Tour").
 * English could use `compromise` (people()), but it ran at about 200 posts/s on one core
 * here, far below the analysis budget (≥ 15,000 posts/s), so the same cues serve English.
 * Officials a municipality lists in its settings stay terms: they may be what a wave of
 * posts targets (threats against an alderman), and showing that is the point.
 */
type Lists = { first: Set<string>; title: Set<string>; particle: Set<string> };

function readList(name: string): string[][] {
  return readTsv(readFileSync(new URL(`./names/${name}`, import.meta.url), 'utf8')).rows.map((r) => r.cells);
}

function load(): Record<AnalysedLang, Lists> {
  const out = {} as Record<AnalysedLang, Lists>;
  for (const lang of ['nl', 'fr', 'en'] as const)
    out[lang] = { first: new Set(), title: new Set(), particle: new Set() };
  for (const [name, lang] of readList('first-names.tsv')) out[lang as AnalysedLang]?.first.add(name as string);
  for (const [word, kind, lang] of readList('name-cues.tsv')) {
    const l = out[lang as AnalysedLang];
    if (kind === 'title') l?.title.add(word as string);
    else if (kind === 'particle') l?.particle.add(word as string);
  }
  return out;
}

const LISTS = load();
const WORD = /[\p{L}\p{N}]+/gu;
/** Capitalised (not all capitals: "NOOIT" is shouting, not a name). */
const CAPITALISED = /^\p{Lu}[\p{Ll}\p{M}]/u;

/**
 * The lower-cased words of the person names in a text (empty for most posts), minus the
 * words of `allowed` (the tenant's listed officials).
 */
export function personNameWords(lang: AnalysedLang, text: string, allowed?: ReadonlySet<string>): Set<string> {
  const names = new Set<string>();
  const lists = LISTS[lang];
  const words = text.match(WORD);
  if (!words) return names;
  let inName = false;
  let afterTitle = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    const low = w.toLowerCase();
    const cap = CAPITALISED.test(w);
    if (cap && (inName || afterTitle || lists.first.has(low))) {
      names.add(low);
      inName = true;
      afterTitle = false;
      continue;
    }
    // "van", "de": part of the name when a capitalised word follows.
    if (inName && lists.particle.has(low) && CAPITALISED.test(words[i + 1] ?? '')) continue;
    inName = false;
    afterTitle = lists.title.has(low);
  }
  if (allowed) for (const a of allowed) names.delete(a);
  return names;
}

/** Terms (words and pairs) without any that holds a name word. */
export function withoutNames(terms: readonly string[], names: ReadonlySet<string>): string[] {
  if (names.size === 0) return terms as string[];
  return terms.filter((t) => !t.split(' ').some((w) => names.has(w)));
}
