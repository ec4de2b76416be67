import { type SealedBatch, SealedBatchSchema, type TenantKeys, unseal } from '@trendwacht/shared/node';
import type { Redis } from 'ioredis';
import { countDrop, emptyDelta, fold } from './aggregate';
import type { createAnalyzer } from './analysis/pipeline';
import { applyDelta } from './apply';
import type { AuthorHasher } from './authors';
import { jobError } from './job-error';
import type { Retention } from './retention';

export type BatchDeps = {
  redis: Redis;
  keys: TenantKeys;
  sealKey: Buffer;
  analyze: ReturnType<typeof createAnalyzer>;
  hasher: AuthorHasher;
  retention?: Retention;
  now?: () => number;
};

export type BatchOutcome = { applied: boolean; posts: number; dropped: number };

/**
 * One sealed batch → analysed in memory → one atomic update of the aggregates. The posts
 * exist only inside this function; what leaves it is counts.
 */
export function createBatchProcessor(deps: BatchDeps) {
  const now = deps.now ?? Date.now;
  return async function processBatch(data: unknown): Promise<BatchOutcome> {
    const parsed = SealedBatchSchema.safeParse(data);
    if (!parsed.success) throw jobError('invalid_batch', parsed.error.issues[0]?.path.join('.'));
    const batch: SealedBatch = parsed.data;
    if (batch.tenant !== deps.keys.tenant) throw jobError('tenant_mismatch');
    let posts: ReturnType<typeof unseal>;
    try {
      posts = unseal(batch, deps.sealKey);
    } catch {
      throw jobError('unseal_failed');
    }
    const hash = await deps.hasher.current();
    const delta = emptyDelta();
    let dropped = 0;
    for (const post of posts) {
      let result: ReturnType<BatchDeps['analyze']>;
      try {
        result = deps.analyze(post);
      } catch {
        result = { ok: false, reason: 'analysis_error' };
      }
      if (!result.ok) {
        countDrop(delta, result.reason);
        dropped++;
        continue;
      }
      fold(
        delta,
        {
          analysis: result.analysis,
          terms: result.terms,
          createdAt: post.createdAt,
          source: post.source,
          author: post.authorKey ? hash(post.source, post.authorKey) : undefined,
        },
        deps.keys,
        deps.retention,
      );
    }
    const event = { type: 'batch', tenant: batch.tenant, posts: delta.posts, at: now(), sealedAt: batch.sealedAt };
    let applied: boolean;
    try {
      applied = await applyDelta(deps.redis, deps.keys, batch.batchId, delta, event);
    } catch (err) {
      throw jobError('apply_failed', err instanceof Error ? err.name : undefined);
    }
    return { applied, posts: delta.posts, dropped };
  };
}
