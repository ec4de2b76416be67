import type { RedisClient, TenantKeys } from '@trendwacht/shared/node';
import type { StepResult } from './analysis/pipeline';
import { MARKER_TTL_S } from './apply';
import { jobError } from './job-error';
import { luaScript } from './lua';
import {
  type Analyze,
  type BatchOutcome,
  type TenantApply,
  type TenantFoldDeps,
  analyse,
  applyToTenant,
  openBatch,
} from './process-batch';
import type { RelevanceIndex } from './relevance/match';
import { postIdHasher } from './seen-posts';

/** A tenant as the pool serves it: how to fold into it and which analyzer reads its posts. */
export type PoolTenant = TenantFoldDeps & { analyze: Analyze };

export type StreamDeps = {
  redis: RedisClient;
  sealKey: Buffer;
  /** The stream's own keys (its queue, its stats). */
  keys: TenantKeys;
  /** The tenants listening to this stream now, by id. */
  tenants: () => ReadonlyMap<string, PoolTenant>;
  /** Their gazetteers, as one index. */
  relevance: () => RelevanceIndex;
  now?: () => number;
};

export type StreamOutcome = {
  posts: number;
  /** Posts no tenant counts. */
  irrelevant: number;
  /** Posts analysed (once per analyzer in use, whatever the number of tenants). */
  analysed: number;
  tenants: Record<string, BatchOutcome>;
};

const STREAM_STATS = luaScript('stream-stats');

/**
 * Analyse once, fold into many: a sealed batch of a shared stream (posts every tenant may
 * want, e.g. a regional firehose) → each post matched against every tenant's gazetteer in
 * one pass → analysed once per analyzer the matching tenants use (most share the default
 * one; a tenant with its own terms has its own) → folded into each matching tenant, with
 * that tenant's salts, k, retention and narratives, in one atomic apply per tenant under
 * the batch's id. A retried batch re-applies only to tenants whose marker is missing.
 */
export function createStreamProcessor(deps: StreamDeps) {
  const now = deps.now ?? Date.now;
  const idHash = postIdHasher(deps.sealKey);
  return async function processStreamBatch(data: unknown): Promise<StreamOutcome> {
    const { batch, items, repeats } = openBatch(data, deps.sealKey, idHash);
    if (batch.tenant !== deps.keys.tenant) throw jobError('tenant_mismatch');
    const tenants = deps.tenants();
    const index = deps.relevance();
    const byTenant = new Map<string, number[]>();
    let irrelevant = 0;
    items.forEach((item, i) => {
      let any = false;
      for (const t of index.tenantsFor(item.post)) {
        if (!tenants.has(t)) continue;
        any = true;
        const list = byTenant.get(t);
        if (list) list.push(i);
        else byTenant.set(t, [i]);
      }
      if (!any) irrelevant++;
    });
    // One analysis per post and analyzer, shared by every tenant that reads it.
    const results = new Map<Analyze, (StepResult | undefined)[]>();
    let analysed = 0;
    const resultOf = (analyze: Analyze, i: number): StepResult => {
      let list = results.get(analyze);
      if (!list) {
        list = new Array(items.length);
        results.set(analyze, list);
      }
      let r = list[i];
      if (!r) {
        r = analyse(analyze, (items[i] as (typeof items)[number]).post);
        list[i] = r;
        analysed++;
      }
      return r;
    };
    const at = now();
    const work: [string, TenantApply][] = [];
    for (const [id, idx] of byTenant) {
      const tenant = tenants.get(id) as PoolTenant;
      const relevant = idx.map((i) => ({
        ...(items[i] as (typeof items)[number]),
        result: resultOf(tenant.analyze, i),
      }));
      work.push([id, { redis: deps.redis, tenant, batch, relevant, irrelevant: [], repeats: 0, at }]);
    }
    const outcomes = await Promise.all(work.map(([, w]) => applyToTenant(w)));
    const stats: (string | number)[] = ['posts', items.length - irrelevant, 'batches', 1, 'folds', work.length];
    if (irrelevant) stats.push('drop:irrelevant', irrelevant);
    if (repeats) stats.push('repeats', repeats);
    await deps.redis.eval(
      STREAM_STATS,
      2,
      deps.keys.batchMarker(batch.batchId),
      deps.keys.stats,
      MARKER_TTL_S,
      ...stats,
    );
    return {
      posts: items.length,
      irrelevant,
      analysed,
      tenants: Object.fromEntries(work.map(([id], i) => [id, outcomes[i] as BatchOutcome])),
    };
  };
}
