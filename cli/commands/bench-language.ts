import { existsSync } from 'node:fs';
import { generateDay } from '@trendwacht/fixtures';
import type { Lang } from '@trendwacht/shared';
import {
  type Accuracy,
  type LangCase,
  NGRAM_SOURCE,
  compareAccuracy,
  compareSpeed,
  loadDevCases,
  loadOtherSuites,
  loadShortSuite,
  percent,
} from '@trendwacht/worker/training';
import { type Command, intOption, parse } from '../command';
import { DEFAULT_DATA_DIR } from '../io';

const LANGS: readonly Lang[] = ['nl', 'fr', 'en', 'other'];

export const benchLanguageCommand: Command = {
  name: 'bench-language',
  summary: 'compare the old and new language identification: accuracy per language and posts/s',
  usage: `Usage: trendwacht bench-language [--data DIR] [--rounds N] [--json]

Accuracy (percent right, per set and gold language) of the old and the new detector on
the synthetic short-post suite (eval/suites/language/short.tsv), the other synthetic
suites (labelled by folder) and, when DIR exists, the development data (default
../shared/data: RTP-LX nl/fr, MLMA fr/en, HateCheck en). Then speed on one core: posts/s
of both on the same prepared posts (the suite, the sample day and the development
data), old and new alternating, best of the rounds; read the ratio, the machine is shared.
No text is printed.
  --data DIR  the folder of ../shared/data
  --rounds N  timed rounds (default 5)
  --json      the figures as JSON`,
  async run(args) {
    const { values } = parse(args, { data: { type: 'string' }, rounds: { type: 'string' }, json: { type: 'boolean' } });
    const rounds = Math.max(1, intOption('rounds', values.rounds, 5));
    const dataDir = values.data ?? DEFAULT_DATA_DIR;
    const cases: LangCase[] = [...loadShortSuite(), ...loadOtherSuites()];
    if (existsSync(dataDir)) cases.push(...loadDevCases(dataDir));
    const accuracy = compareAccuracy(cases);
    const day = generateDay({ seed: 7, start: Date.UTC(2026, 0, 5), posts: 12_000 });
    const speed = compareSpeed([...cases.map((c) => c.text), ...day.map((p) => p.text)], rounds);
    if (values.json) {
      const table = (a: Accuracy) =>
        Object.fromEntries(
          [...a].map(([set, m]) => [
            set,
            Object.fromEntries([...m].map(([l, t]) => [l, { n: t.n, percent: percent(t) }])),
          ]),
        );
      const out = { ngrams: NGRAM_SOURCE, accuracy: { old: table(accuracy.old), new: table(accuracy.new) }, speed };
      process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
      return 0;
    }
    const lines = [`Language identification, old → new (n-grams: ${NGRAM_SOURCE})`, ''];
    lines.push(
      `${'set'.padEnd(14)}${'lang'.padEnd(7)}${'posts'.padStart(7)}${'old %'.padStart(8)}${'new %'.padStart(8)}`,
    );
    for (const [set, m] of accuracy.new)
      for (const lang of LANGS) {
        const now = m.get(lang);
        const old = accuracy.old.get(set)?.get(lang);
        if (!now || !old) continue;
        lines.push(
          `${set.padEnd(14)}${lang.padEnd(7)}${String(now.n).padStart(7)}${percent(old).toFixed(1).padStart(8)}${percent(now).toFixed(1).padStart(8)}`,
        );
      }
    if (!existsSync(dataDir)) lines.push(`(development data not found at ${dataDir}: --data DIR)`);
    const us = (pps: number) => (1e6 / pps).toFixed(1);
    lines.push(
      '',
      `Speed on ${speed.posts} posts, one core, best of ${rounds} rounds:`,
      `  old ${speed.postsPerSecond.old} posts/s (${us(speed.postsPerSecond.old)} µs/post)`,
      `  new ${speed.postsPerSecond.new} posts/s (${us(speed.postsPerSecond.new)} µs/post)`,
      `  new/old ${speed.ratio}`,
    );
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  },
};
