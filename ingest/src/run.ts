import type { Post } from '@trendwacht/shared';
import { Batcher } from './batcher';
import { IngestCounters } from './counters';
import { SeenSet } from './dedupe';
import { normalisePostInput } from './post-input';
import { Checkpoint, FILTERED, type Source, SourceReject } from './source';
import type { CursorStore } from './state/cursors';
import type { DurableSeen } from './state/seen';

export type IngestDeps = {
  send: (posts: Post[]) => Promise<unknown>;
  batchSize: number;
  batchMs: number;
  seen?: SeenSet;
  /** Post ids queued by earlier runs (Redis): a restart or a re-import queues nothing twice. */
  durable?: DurableSeen;
  /** The source's cursors: loaded before it starts, saved at its checkpoints once what they cover is queued. */
  cursors?: CursorStore;
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
  const durable = deps.durable;
  // Marking a batch's ids runs beside the next batches (the in-memory seen-set covers
  // repeats meanwhile): at most two marks pending, a failed one surfaced by the next send,
  // all awaited at the end.
  const marking: Promise<void>[] = [];
  let markFailure: unknown = null;
  const send = durable
    ? async (posts: Post[]) => {
        if (markFailure) throw markFailure;
        while (marking.length >= 2) await marking.shift();
        const { fresh, repeats, hashes } = await durable.filter(posts);
        counters.accepted -= repeats;
        counters.duplicates += repeats;
        if (fresh.length > 0) await deps.send(fresh);
        const mark = durable.mark(hashes).catch((err: unknown) => {
          markFailure ??= err;
        });
        marking.push(mark);
      }
    : deps.send;
  const batcher = new Batcher(deps.batchSize, deps.batchMs, send);
  if (deps.cursors && source.resume) source.resume(await deps.cursors.load());
  let line = 0;
  for await (const raw of source.items(deps.signal)) {
    if (raw instanceof Checkpoint) {
      const store = deps.cursors;
      // One write per cursor and batch: a later checkpoint of the same cursor replaces an unsent one.
      for (const [k, v] of Object.entries(raw.entries)) if (store) await batcher.after(() => store.save({ [k]: v }), k);
      if (deps.signal?.aborted) break;
      continue;
    }
    line++;
    counters.received++;
    if (raw === FILTERED) {
      counters.filtered++;
      continue;
    }
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
  await Promise.all(marking);
  if (markFailure) throw markFailure;
  return counters;
}
