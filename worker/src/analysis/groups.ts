import { readFileSync } from 'node:fs';
import { TARGET_IDS, type TargetId } from '@trendwacht/shared';
import { readTsv } from '../tsv';
import type { AnalysedLang } from './lexicon';

/**
 * Who a post can aim at, beyond the taxonomy's neutral names of the target groups
 * (`TARGETS` in shared): slurs, which name a group and insult it in one word, and groups
 * outside Trendwacht's target list that hate is aimed at as well (skin colour,
 * nationality, religion, sex). Both are general vocabulary of the three languages, read
 * from `worker/lexicons/<lang>/theme-groups.tsv` (data, see its README); they live in the
 * worker, never in the dashboard's bundle.
 */
type ByLang = Record<AnalysedLang, readonly string[]>;

const HEADER = ['term', 'kind', 'target', 'source'];
const SOURCE = /^[a-z][a-z0-9-]*$/;

/** Parses one language's file; a bad row fails at start with its file, line and what was wrong. */
export function parseThemeGroups(text: string, file: string): { slurs: Map<TargetId, string[]>; groups: string[] } {
  const { header, rows } = readTsv(text);
  if (header.join('\t') !== HEADER.join('\t')) throw new Error(`${file}: header must be ${HEADER.join(', ')}`);
  const slurs = new Map<TargetId, string[]>(TARGET_IDS.map((t) => [t, []]));
  const groups: string[] = [];
  const seen = new Set<string>();
  for (const { line, cells } of rows) {
    const [term = '', kind = '', target = '', source = ''] = cells;
    const bad = (what: string) => new Error(`${file}:${line}: ${what}`);
    if (cells.length !== HEADER.length) throw bad(`${HEADER.length} columns expected, ${cells.length} found`);
    if (!term || term !== term.trim() || term !== term.toLowerCase()) throw bad('term must be lowercase, trimmed');
    if (!SOURCE.test(source)) throw bad(`source "${source}" is no source name`);
    if (seen.has(`${kind}\t${term}`)) throw bad(`"${term}" listed twice as ${kind}`);
    seen.add(`${kind}\t${term}`);
    if (kind === 'slur') {
      const list = slurs.get(target as TargetId);
      if (!list) throw bad(`target "${target}" is not one of ${TARGET_IDS.join(', ')}`);
      list.push(term);
    } else if (kind === 'group') {
      if (target !== '-') throw bad('a group outside the target list has target -');
      groups.push(term);
    } else throw bad(`kind "${kind}" is neither slur nor group`);
  }
  return { slurs, groups };
}

const byLang = <T>(f: (lang: AnalysedLang) => T): Record<AnalysedLang, T> => ({
  nl: f('nl'),
  fr: f('fr'),
  en: f('en'),
});

const read = byLang((lang) =>
  parseThemeGroups(
    readFileSync(new URL(`../../lexicons/${lang}/theme-groups.tsv`, import.meta.url), 'utf8'),
    `${lang}/theme-groups.tsv`,
  ),
);

/**
 * Slurs per target group, each inflection written out: they are matched as written, not
 * by stem. A slur counts as a mention of its group and as an attack.
 */
export const SLURS = {} as Record<TargetId, ByLang>;
for (const t of TARGET_IDS) SLURS[t] = byLang((lang) => read[lang].slurs.get(t) ?? []);

/**
 * Groups hate is aimed at that are not on Trendwacht's target list: skin colour,
 * nationalities and ethnic groups, religions, sex. A mention is neutral by itself; it
 * tells the rules (and the model) that the post is about a group of people.
 */
export const OTHER_GROUPS: ByLang = byLang((lang) => read[lang].groups);
