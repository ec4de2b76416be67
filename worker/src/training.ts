/** Training and evaluation of the analysis (dev tools: `trendwacht train|eval|bench-analyze`). */
export { DEFAULT_MODEL_FILE } from './analysis/hate';
export * from './evaluation/datasets';
export { CONTRAST_FPR_MAX, DEFAULT_TRAIN, HATEFUL_SOURCES, train, type TrainOptions } from './model/train';
export { formatReport, report, score, type Report } from './evaluation/evaluate';
export { HateScorer } from './analysis/hate';
export { LinearModel } from './model/linear-model';
export { transfer, HOLDOUTS } from './evaluation/transfer';
export { contrastCases } from './evaluation/contrast-cases';
export { SUITE_LANGS, formatSuites, runSuites, type SuiteReport } from './evaluation/suites';
export {
  compareAccuracy,
  compareSpeed,
  loadDevCases,
  loadOtherSuites,
  loadShortSuite,
  percent,
  NGRAM_SOURCE,
  type Accuracy,
  type LangCase,
} from './analysis/language-bench';
export { formatRelevance, runRelevance, type RelevanceReport } from './evaluation/relevance';
