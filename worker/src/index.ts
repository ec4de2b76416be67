export { createAnalyzer, ANALYSIS_VERSION, type StepResult } from './analysis/pipeline';
export { AuthorHasher, dayOf } from './authors';
export { startWorker, type RunningWorker, type WorkerOptions } from './worker';
export { createBatchProcessor } from './process-batch';
export { DEFAULT_RETENTION, type Retention } from './retention';
