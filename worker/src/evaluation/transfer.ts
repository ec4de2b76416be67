import { HateScorer } from '../analysis/hate';
import { createAnalyzer } from '../analysis/pipeline';
import { DEFAULT_TRAIN, type TrainOptions, train } from '../model/train';
import { CONTRAST_CASE_SOURCES, type ContrastSource, type DatasetId, type LabelledRow } from './datasets';
import { type Report, report, score } from './evaluate';

/**
 * Transfer: how the analysis does on a source it never learned from. For each hold-out,
 * the model is trained (in memory) on the other datasets only, then scored on every row
 * of the held-out ones. RTP-LX's Dutch and French rows are translations of one another,
 * so they are held out together, and with them our own Dutch and French contrast cases:
 * without any Dutch or French hate to learn from, those alone would teach that Dutch and
 * French are never hateful. What carries over is what generalises: the context rules and
 * the word lists, not n-grams fitted to one dataset.
 */
export const HOLDOUTS: readonly {
  name: string;
  datasets: readonly DatasetId[];
  alsoWithout?: readonly ContrastSource[];
}[] = [
  { name: 'rtp-lx', datasets: ['rtp-lx-nl', 'rtp-lx-fr'], alsoWithout: CONTRAST_CASE_SOURCES },
  { name: 'hatecheck-en', datasets: ['hatecheck-en'] },
];

export function transfer(
  rows: readonly LabelledRow[],
  rounds: number,
  opts: TrainOptions = DEFAULT_TRAIN,
): { holdout: string; report: Report }[] {
  return HOLDOUTS.map(({ name, datasets, alsoWithout = [] }) => {
    const held = (r: LabelledRow) => (datasets as readonly string[]).includes(r.dataset);
    const left = (r: LabelledRow) => held(r) || (alsoWithout as readonly string[]).includes(r.dataset);
    const { model } = train(
      rows.filter((r) => !left(r)),
      opts,
      `transfer-without-${name}`,
    );
    const analyze = createAnalyzer({ scorer: new HateScorer(model) });
    const scored = score(rows.filter(held), (row) => analyze({ id: row.id, text: row.text, lang: row.lang }));
    return { holdout: name, report: report(scored, `all rows of ${name}, by a model trained without it`, rounds) };
  });
}
