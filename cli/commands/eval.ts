import { createAnalyzer } from '@trendwacht/worker';
import {
  DATASET_IDS,
  type DatasetId,
  HateScorer,
  LinearModel,
  SUITE_LANGS,
  TEST_FOLD,
  contrastCases,
  formatRelevance,
  formatReport,
  formatSuites,
  loadAll,
  loadDataset,
  loadPresent,
  report,
  runRelevance,
  runSuites,
  score,
  transfer,
} from '@trendwacht/worker/training';
import { type Command, UsageError, intOption, parse } from '../command';
import { DEFAULT_DATA_DIR } from '../io';

export const evalCommand: Command = {
  name: 'eval',
  summary: 'score the analysis on the labelled development data (precision, recall, F1…)',
  usage: `Usage: trendwacht eval [--data DIR] [--dataset ID]… [--all-folds] [--rules-only]
                      [--fold N] [--model FILE] [--rounds N] [--json]

Runs the same analysis as the worker on every dataset in DIR (default ../shared/data) and
prints, per dataset and per language: precision, recall and F1 for hateful vs not,
macro-F1 of both classes, macro-F1 over target groups, language-detection accuracy;
accuracy per HateCheck functionality; and the false-positive rate on the non-hateful
contrast cases — with 95% bootstrap intervals. No text of the datasets is printed.

By default only the held-out fold (${TEST_FOLD}), which training never sees, is scored.
  --all-folds   score every row (includes the rows the model was trained on)
  --fold N      score fold N instead (training folds: tune with those, never with ${TEST_FOLD})
  --rules-only  without the learned model (rules and taxonomy alone)
  --transfer    generalisation: train without RTP-LX (then without HateCheck) in memory
                and score every row of the held-out source (about a minute)
  --model FILE  another model file (default: the committed one)
  --dataset ID  only these datasets (${DATASET_IDS.join(', ')})
  --rounds N    bootstrap resamples (default 1000)
  --suites      only Trendwacht's own functional suites (eval/suites: nl, fr, en; all rows)
  --json        the report as JSON

After the development sets it scores Trendwacht's own functional suites (eval/suites):
accuracy per HateCheck functionality and recall per target group in nl, fr and en,
counter-speech, civic posts (false positives) and theme tropes (F1).`,
  async run(args) {
    const { values } = parse(args, {
      data: { type: 'string' },
      dataset: { type: 'string', multiple: true },
      'all-folds': { type: 'boolean' },
      fold: { type: 'string' },
      'rules-only': { type: 'boolean' },
      model: { type: 'string' },
      rounds: { type: 'string' },
      json: { type: 'boolean' },
      transfer: { type: 'boolean' },
      suites: { type: 'boolean' },
    });
    const rounds = intOption('rounds', values.rounds, 1000);
    if (values.transfer) {
      const results = transfer([...loadAll(values.data ?? DEFAULT_DATA_DIR), ...contrastCases()], rounds);
      const text = results.map((t) => formatReport(t.report)).join('\n\n');
      process.stdout.write(values.json ? `${JSON.stringify(results, null, 2)}\n` : `${text}\n`);
      return 0;
    }
    const suites = () =>
      SUITE_LANGS.map((lang) => {
        const analyze = createAnalyzer({ scorer: values['rules-only'] ? null : undefined });
        return runSuites(lang, (c) => analyze({ id: c.id, text: c.text }));
      });
    if (values.suites) {
      const s = suites();
      const rel = runRelevance();
      process.stdout.write(
        values.json
          ? `${JSON.stringify({ suites: s, relevance: rel }, null, 2)}\n`
          : `${formatSuites(s)}\n\n${formatRelevance(rel)}\n`,
      );
      return 0;
    }
    const ids = (values.dataset ?? [...DATASET_IDS]) as DatasetId[];
    for (const id of ids) if (!DATASET_IDS.includes(id)) throw new UsageError(`unknown --dataset "${id}"`);
    const scorer = values['rules-only']
      ? null
      : values.model
        ? new HateScorer(LinearModel.load(values.model))
        : undefined;
    const analyze = createAnalyzer({ scorer });
    const dir = values.data ?? DEFAULT_DATA_DIR;
    // Sets asked for by name must be there (the error names the missing file); without
    // --dataset, a clone that has no development data says so in one line and scores the rest.
    const { rows: dev, absent } = values.dataset
      ? { rows: ids.flatMap((id) => loadDataset(dir, id)), absent: [] }
      : loadPresent(dir, ids);
    if (absent.length > 0) {
      process.stderr.write(`development sets absent, not scored: ${absent.join(', ')} (not in ${dir}; --data DIR)\n`);
    }
    const all = [
      ...dev,
      // Our own nl/fr contrast cases, reported in their own section (whole datasets only).
      ...(values.dataset ? [] : contrastCases()),
    ];
    const fold = intOption('fold', values.fold, TEST_FOLD);
    const rows = values['all-folds'] ? all : all.filter((r) => r.fold === fold);
    const scored = score(rows, (row) => analyze({ id: row.id, text: row.text, lang: row.lang }));
    const split = values['all-folds']
      ? 'all folds (training rows included)'
      : fold === TEST_FOLD
        ? `held-out fold ${TEST_FOLD}`
        : `fold ${fold}`;
    const r = report(scored, split, rounds);
    // Our own suites are scored whole (no folds: the model never trains on them).
    const own = values.dataset ? [] : suites();
    const relevance = values.dataset ? null : runRelevance();
    process.stdout.write(
      values.json
        ? `${JSON.stringify({ ...r, absent, suites: own, relevance }, null, 2)}\n`
        : `${formatReport(r)}\n${own.length ? `\n${formatSuites(own)}\n` : ''}${relevance ? `\n${formatRelevance(relevance)}\n` : ''}`,
    );
    return 0;
  },
};
