import { loadDevCases, loadShortSuite, prepareText } from '/work/main/worker/src/analysis/language-eval.ts';
import { detectLanguageLegacy } from '/work/main/worker/src/analysis/language-legacy.ts';
import { ngramScores } from '/work/main/worker/src/analysis/language-ngrams.ts';
import { detectLanguage } from '/work/main/worker/src/analysis/language.ts';
const texts = [...loadShortSuite(), ...loadDevCases('/work/shared/data')].map((c) => prepareText(c.text));
const buf = new Float64Array(60);
const best: Record<string, number> = { legacy: 1e9, ngrams: 1e9, full: 1e9 };
for (let r = 0; r < 15; r++) {
  let t0 = performance.now();
  for (const p of texts) detectLanguageLegacy(p.tokens, p.raw);
  best.legacy = Math.min(best.legacy!, performance.now() - t0);
  t0 = performance.now();
  for (const p of texts) ngramScores(p.raw, buf);
  best.ngrams = Math.min(best.ngrams!, performance.now() - t0);
  t0 = performance.now();
  for (const p of texts) detectLanguage(p.tokens, p.raw);
  best.full = Math.min(best.full!, performance.now() - t0);
}
console.log(
  Object.entries(best)
    .map(([k, v]) => `${k} ${((v * 1000) / texts.length).toFixed(2)}µs`)
    .join('  '),
);
