export { Batcher } from './batcher';
export { jsonlSource } from './connectors/jsonl-file';
export { replaySource, type ReplayOptions } from './connectors/replay';
export { IngestCounters } from './counters';
export { SeenSet } from './dedupe';
export { normalisePostInput, type Normalised } from './post-input';
export { BatchProducer, JOB_OPTIONS, type ProducerOptions } from './producer';
export { runIngest, type IngestDeps } from './run';
export type { Source } from './source';
