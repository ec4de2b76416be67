import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { CONTRAST_CASE_SOURCES, DATASET_IDS, loadAll } from '@trendwacht/worker/training';
import { describe, expect, it } from 'vitest';
import { runCliAsync } from './helpers';

const BIN = resolve(import.meta.dirname, '..', 'bin', 'trendwacht');
const DATA = resolve(import.meta.dirname, '..', '..', 'shared', 'data');
const run = (args: string[]) => runCliAsync(BIN, args, { timeout: 120_000 });

/** Long enough that finding one in an output means a row's text leaked. */
const texts = () =>
  loadAll(DATA)
    .map((r) => r.text.trim())
    .filter((t) => t.length >= 25);

// The labelled data lives beside the project (../shared/data), as in CI.
// Each test runs one CLI process of up to 120 s on a loaded machine.
describe.runIf(existsSync(DATA))('eval and train on the development data', { timeout: 150_000 }, () => {
  it('eval scores every dataset on the held-out fold and prints no text of any row', async () => {
    const r = await run(['eval', '--json', '--rounds', '50']);
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(Object.keys(report.datasets).sort()).toEqual([...DATASET_IDS].sort());
    expect(Object.keys(report.languages).sort()).toEqual(['en', 'fr', 'nl']);
    // Floors a little under the figures of the committed model (see worker/models/README.md):
    // a change that loses them is a regression to look at, not noise.
    expect(report.datasets['hatecheck-en'].macroF1.value).toBeGreaterThan(0.9);
    // RTP-LX nl fell from 0.729 to 0.68 with the compositional detector: RTP-LX counts a
    // reported quote and a slur thrown at one person as identity attacks, the composition
    // reads them as reporting and as insults (see the README's figures). 0.684 → 0.652 when
    // insults that name no group stopped being hate on the model's word alone (below 0.9):
    // RTP-LX counts "you idiots" as an identity attack, MLMA and our suites do not (MLMA fr
    // 0.524 → 0.602); 0.638 once a group named without an attack is never hate on the
    // model's word (44 hateful rows in the fold: one row is 0.01).
    expect(report.datasets['rtp-lx-nl'].macroF1.value).toBeGreaterThan(0.62);
    expect(report.datasets['rtp-lx-fr'].macroF1.value).toBeGreaterThan(0.62);
    // Our own functional suites (eval/suites): hateful vs not, and ordinary civic posts.
    expect(report.suites.map((x: { lang: string }) => x.lang)).toEqual(['nl', 'fr', 'en']);
    for (const suite of report.suites) {
      expect(suite.functional.macroF1, suite.lang).toBeGreaterThan(0.8);
      expect(suite.civic.falsePositiveRate, suite.lang).toBeLessThan(0.05);
      // Themes beyond hate, read as tropes and frames (2026-12-02: 0.63–0.98; before frames,
      // disinformation and polarisation were 0.07–0.30).
      for (const [theme, t] of Object.entries(suite.themes as Record<string, { f1: number }>)) {
        expect(t.f1, `${suite.lang} ${theme}`).toBeGreaterThan(0.55);
      }
    }
    for (const set of ['counter_speech', 'negation', 'identity_neutral_positive']) {
      expect(report.contrast[set].falsePositiveRate.value, set).toBeLessThanOrEqual(0.2);
      // Our own Dutch and French cases, frames the model never trained on.
      for (const lang of ['nl', 'fr']) {
        expect(report.ownContrast[lang][set].falsePositiveRate.value, `${lang} ${set}`).toBeLessThanOrEqual(0.2);
      }
    }
    const table = await run(['eval', '--rounds', '20']);
    for (const out of [r.stdout, table.stdout]) for (const t of texts()) expect(out.includes(t)).toBe(false);
  });

  it('eval --transfer scores each held-out source with a model trained without it, and prints no text', async () => {
    const r = await run(['eval', '--transfer', '--json', '--rounds', '20']);
    expect(r.status, r.stderr).toBe(0);
    const results = JSON.parse(r.stdout) as { holdout: string; report: { datasets: Record<string, { n: number }> } }[];
    expect(results.map((t) => t.holdout)).toEqual(['rtp-lx', 'hatecheck-en']);
    const rows = loadAll(DATA);
    const [rtp, hc] = results;
    expect(Object.keys(rtp?.report.datasets ?? {}).sort()).toEqual(['rtp-lx-fr', 'rtp-lx-nl']);
    expect(hc?.report.datasets['hatecheck-en']?.n).toBe(rows.filter((x) => x.dataset === 'hatecheck-en').length);
    for (const t of texts()) expect(r.stdout.includes(t)).toBe(false);
  });

  it('train writes a model of numbers and a training record, never a row of text', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'tw-train-')), 'm.tw.gz');
    const r = await run(['train', '--out', out, '--epochs', '1']);
    expect(r.status, r.stderr).toBe(0);
    const record = JSON.parse(readFileSync(out.replace(/\.gz$/, '.json'), 'utf8'));
    expect(Object.keys(record.data).sort()).toEqual([...DATASET_IDS, ...CONTRAST_CASE_SOURCES].sort());
    expect(record.thresholds.hateful).toBeGreaterThan(0);
    expect(record.folds.heldOut).toBe(0);
    const blob = gunzipSync(readFileSync(out)).toString('utf8');
    for (const t of texts()) expect(blob.includes(t)).toBe(false);
    const evalWith = await run(['eval', '--json', '--rounds', '10', '--model', out, '--dataset', 'rtp-lx-nl']);
    expect(evalWith.status, evalWith.stderr).toBe(0);
    expect(JSON.parse(evalWith.stdout).datasets['rtp-lx-nl'].n).toBeGreaterThan(100);
  });
});

describe('eval without data', () => {
  it('names the missing file of a set asked for by name', async () => {
    // Without --dataset, eval names the absent sets and scores the own suites (cli/eval-data.test.ts).
    const r = await run(['eval', '--data', '/nonexistent-tw-data', '--dataset', 'hatecheck-en']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/dataset file not found: \/nonexistent-tw-data/);
  });
});
