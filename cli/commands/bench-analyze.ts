import { generateDay } from '@trendwacht/fixtures';
import { createAnalyzer } from '@trendwacht/worker';
import { type Command, intOption, parse } from '../command';

const LANGS = ['nl', 'fr', 'en'] as const;

export const benchAnalyzeCommand: Command = {
  name: 'bench-analyze',
  summary: 'measure analysis speed: posts per second on one core, per language',
  usage: `Usage: trendwacht bench-analyze [--posts N] [--rounds N] [--json]

Runs the full analysis (scrub, normalise, language, stems, context rules, model, themes,
tone, terms) on the synthetic sample posts, one language at a time, on this process's
single thread, after a warm-up. Prints posts per CPU-second per language (best of the
rounds; CPU time, so other processes on a shared machine do not lower it) and the heap in use.
  --posts N   posts per language (default 20000)
  --rounds N  timed rounds per language (default 3)
  --json      the figures as JSON`,
  async run(args) {
    const { values } = parse(args, {
      posts: { type: 'string' },
      rounds: { type: 'string' },
      json: { type: 'boolean' },
    });
    const perLang = Math.max(1, intOption('posts', values.posts, 20_000));
    const rounds = Math.max(1, intOption('rounds', values.rounds, 3));
    const day = generateDay({ seed: 7, start: Date.UTC(2026, 0, 5), posts: 12_000 });
    const analyze = createAnalyzer();
    const results: Record<string, { posts: number; postsPerSecond: number; hateful: number }> = {};
    for (const lang of LANGS) {
      const pool = day.filter((p) => p.lang === lang);
      const posts = Array.from({ length: perLang }, (_, i) => pool[i % pool.length] as (typeof pool)[number]);
      for (const p of posts.slice(0, 2000)) analyze({ id: String(p.id), text: p.text, lang }); // warm-up
      let best = 0;
      let hateful = 0;
      for (let r = 0; r < rounds; r++) {
        hateful = 0;
        // CPU time of this thread, not the wall clock: on a shared machine, time spent
        // waiting for a core is not analysis (the figure is posts per CPU-second, per core).
        const t0 = process.cpuUsage();
        for (const p of posts) {
          const out = analyze({ id: String(p.id), text: p.text, lang });
          if (out.ok && out.analysis.hateful) hateful++;
        }
        const used = process.cpuUsage(t0);
        const s = (used.user + used.system) / 1e6;
        best = Math.max(best, posts.length / s);
      }
      results[lang] = { posts: posts.length, postsPerSecond: Math.round(best), hateful };
    }
    const heapMiB = Math.round(process.memoryUsage().heapUsed / 1048576);
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ perCore: results, heapMiB, node: process.version }, null, 2)}\n`);
    } else {
      process.stdout.write('Analysis speed, one core: posts per CPU-second (best of rounds)\n');
      process.stdout.write(`${'lang'.padEnd(6)}${'posts'.padStart(8)}${'posts/s'.padStart(10)}\n`);
      for (const [lang, r] of Object.entries(results)) {
        process.stdout.write(
          `${lang.padEnd(6)}${String(r.posts).padStart(8)}${String(r.postsPerSecond).padStart(10)}\n`,
        );
      }
      process.stdout.write(`heap in use: ${heapMiB} MiB (${process.version})\n`);
    }
    return 0;
  },
};
