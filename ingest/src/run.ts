import type { Post } from '@trendwacht/shared';
import { Batcher } from './batcher';
import { IngestCounters } from './counters';
import { SeenSet } from './dedupe';
import { normalisePostInput } from './post-input';
import { type Source, SourceReject } from './source';

export type IngestDeps = {
  send: (posts: Post[]) => Promise<unknown>;
  batchSize: number;
  batchMs: number;
  seen?: SeenSet;
  now?: () => number;
  signal?: AbortSignal;
  onProgress?: (c: IngestCounters) => void;
};

/**
 * Read a source to its end: validate each item at the edge, drop repeats, batch, send.
 * A bad item is counted and skipped; it never stops the run.
 */
export async function runIngest(source: Source, deps: IngestDeps): Promise<IngestCounters> {
  const counters = new IngestCounters();
  const seen = deps.seen ?? new SeenSet();
  const now = deps.now ?? Date.now;
  const batcher = new Batcher(deps.batchSize, deps.batchMs, deps.send);
  let line = 0;
  for await (const raw of source.items(deps.signal)) {
    line++;
    counters.received++;
    if (raw instanceof SourceReject) {
      counters.reject(raw.reason, raw.detail, line);
      continue;
    }
    const r = normalisePostInput(raw, source.name, now());
    if (!r.ok) {
      counters.reject(r.reason, r.detail, line);
    } else if (!seen.add(r.post.id)) {
      counters.duplicates++;
    } else {
      counters.accepted++;
      await batcher.add(r.post);
    }
    if (deps.onProgress && line % 1000 === 0) deps.onProgress(counters);
    if (deps.signal?.aborted) break;
  }
  await batcher.flush();
  return counters;
}
