import { writeFileSync } from 'node:fs';
import {
  CONTRAST_CASE_SOURCES,
  CONTRAST_FPR_MAX,
  DATASET_IDS,
  DEFAULT_MODEL_FILE,
  DEFAULT_TRAIN,
  FOLDS,
  HATEFUL_SOURCES,
  TEST_FOLD,
  contrastCases,
  loadAll,
  train,
} from '@trendwacht/worker/training';
import { type Command, intOption, parse } from '../command';
import { DEFAULT_DATA_DIR } from '../io';

const LICENCES = {
  'rtp-lx': 'RTP-LX (microsoft/RTP-LX @ 206c3ec5), MIT; English source Apache-2.0',
  mlma: 'MLMA (HKUST-KnowComp/MLMA_hate_speech @ 47983698), MIT',
  'hatecheck-en': 'HateCheck (paul-rottger/hatecheck-data @ d8430229), CC BY 4.0',
  contrast: "Trendwacht's own Dutch and French contrast cases (worker/src/evaluation/contrast-cases.ts)",
};

export const trainCommand: Command = {
  name: 'train',
  summary: 'train the hate/toxicity/target model from the labelled development data',
  usage: `Usage: trendwacht train [--data DIR] [--out FILE] [--epochs N] [--seed N]

Reads the labelled datasets in DIR (default ../shared/data), trains the linear model over
hashed word and character n-grams and context-rule features, chooses decision thresholds
on out-of-fold scores of the training folds (the hate threshold keeps counter-speech,
negation and neutral mentions of a group at or under ${CONTRAST_FPR_MAX * 100}% false positives), and writes the model (numbers only, no text) to FILE (default the
committed worker/models/hate.tw.gz) with its training record beside it (.json).
Fold ${TEST_FOLD} of ${FOLDS} is held out for \`npm run eval\` and never used here.`,
  async run(args) {
    const { values } = parse(args, {
      data: { type: 'string' },
      out: { type: 'string' },
      epochs: { type: 'string' },
      seed: { type: 'string' },
    });
    const dataDir = values.data ?? DEFAULT_DATA_DIR;
    const out = values.out ?? DEFAULT_MODEL_FILE;
    const opts = {
      ...DEFAULT_TRAIN,
      epochs: intOption('epochs', values.epochs, DEFAULT_TRAIN.epochs),
      seed: intOption('seed', values.seed, DEFAULT_TRAIN.seed),
    };
    const rows = [...loadAll(dataDir), ...contrastCases()];
    const started = Date.now();
    const { model, validation, examples } = train(rows, opts, `m${new Date().toISOString().slice(0, 10)}`);
    const record = {
      trainedAt: new Date().toISOString(),
      seconds: Math.round((Date.now() - started) / 100) / 10,
      data: Object.fromEntries(
        [...DATASET_IDS, ...CONTRAST_CASE_SOURCES].map((d) => [
          d,
          { rows: rows.filter((r) => r.dataset === d).length, trainedOn: examples[d] ?? 0 },
        ]),
      ),
      sources: LICENCES,
      hateHeadLearnsFrom: [...HATEFUL_SOURCES],
      folds: { count: FOLDS, heldOut: TEST_FOLD, thresholds: 'chosen on out-of-fold scores of the other folds' },
      contrastFprMax: CONTRAST_FPR_MAX,
      options: opts,
      thresholds: model.header.thresholds,
      outOfFold: validation,
      note: 'Weights are hashed n-gram coefficients quantised to int8; no text of any dataset is stored.',
    };
    model.setTraining(record);
    model.save(out);
    writeFileSync(
      out.replace(/\.gz$/, '.json'),
      `${JSON.stringify({ version: model.header.version, ...record }, null, 2)}\n`,
    );
    process.stdout.write(`${JSON.stringify({ model: out, ...record }, null, 2)}\n`);
    return 0;
  },
};
