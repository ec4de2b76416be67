import { DEFAULT_K, type Post, type ThemeHit, latencyStats } from '@trendwacht/shared';
import {
  type RedisClient,
  type SealedBatch,
  SealedBatchSchema,
  type TenantKeys,
  unseal,
} from '@trendwacht/shared/node';
import { type Delta, type NarrativeAssignment, THEME_MIN_SCORE, countDrop, emptyDelta, fold } from './aggregate';
import { personNameWords, withoutNames } from './analysis/person-names';
import type { StepResult, createAnalyzer } from './analysis/pipeline';
import { type ExpiryMemo, applyDelta } from './apply';
import type { AuthorHasher } from './authors';
import { jobError } from './job-error';
import type { Retention } from './retention';
import { SeenRace, postIdHasher, unseenPosts } from './seen-posts';
import type { NarrativeIndex } from './trends/narratives';

export type BatchDeps = {
  redis: RedisClient;
  keys: TenantKeys;
  sealKey: Buffer;
  analyze: ReturnType<typeof createAnalyzer>;
  hasher: AuthorHasher;
  /** Clusters theme posts into narratives; without it, no narratives are kept. */
  narratives?: NarrativeIndex;
  retention?: Retention;
  now?: () => number;
  /** Expiries already set by this worker (saves Redis calls). */
  expiries?: ExpiryMemo;
  /** Size each hourly term list is trimmed to (TERMS_PER_HOUR). */
  termsPerHour?: number | undefined;
  /** The tenant's k now (its settings): a term rests in plain text once k authors used it. */
  k?: () => number;
  /** Words of the officials the tenant lists (settings): names that may be terms. */
  officials?: () => ReadonlySet<string>;
};

type AggregateDeps = Pick<BatchDeps, 'keys' | 'analyze' | 'hasher' | 'narratives' | 'retention' | 'k' | 'officials'>;

/**
 * Posts → analysis → narrative assignment → one delta of aggregates. Shared by the batch
 * worker and by `trendwacht replay`, so both count alike.
 */
export async function aggregatePosts(deps: AggregateDeps, posts: readonly Post[]): Promise<Delta> {
  const hash = await deps.hasher.current();
  const { day, hash: termHash } = await deps.hasher.terms();
  const delta = emptyDelta({ day, hash: termHash, k: deps.k?.() ?? DEFAULT_K });
  const officials = deps.officials?.();
  const analysed: { post: Post; result: Extract<StepResult, { ok: true }>; themes: ThemeHit[] }[] = [];
  for (const post of posts) {
    let result: ReturnType<BatchDeps['analyze']>;
    try {
      result = deps.analyze(post);
    } catch {
      result = { ok: false, reason: 'analysis_error' };
    }
    if (!result.ok) {
      countDrop(delta, result.reason);
      continue;
    }
    // Person names are never terms (nor narrative words): read from the text as written.
    const lang = result.analysis.lang;
    if (lang !== 'other' && result.terms.length > 0) {
      result = { ...result, terms: withoutNames(result.terms, personNameWords(lang, post.text, officials)) };
    }
    analysed.push({ post, result, themes: result.analysis.themes.filter((h) => h.score >= THEME_MIN_SCORE) });
  }
  await deps.narratives?.prepare(analysed.flatMap((r) => r.themes.map((h) => h.id)));
  const assign = deps.narratives?.session(termHash);
  for (const { post, result, themes } of analysed) {
    const narratives: NarrativeAssignment[] = [];
    if (assign) {
      for (const hit of themes) {
        const n = assign(hit.id, result.terms, hit.stance);
        if (n) narratives.push(n);
      }
    }
    fold(
      delta,
      {
        analysis: result.analysis,
        terms: result.terms,
        createdAt: post.createdAt,
        source: post.source,
        author: post.authorKey ? hash(post.source, post.authorKey) : undefined,
        narratives,
      },
      deps.keys,
      deps.retention,
    );
  }
  return delta;
}

export type BatchOutcome = { applied: boolean; posts: number; dropped: number };

/**
 * One sealed batch → analysed in memory → one atomic update of the aggregates. The posts
 * exist only inside this function; what leaves it is counts.
 */
export function createBatchProcessor(deps: BatchDeps) {
  const now = deps.now ?? Date.now;
  const idHash = postIdHasher(deps.sealKey);
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
    // Posts counted before (a re-import, a retrying sender, a restarted connector) are
    // skipped; a race with another worker on the same post is caught by the apply script.
    for (let attempt = 1; ; attempt++) {
      let seen: Awaited<ReturnType<typeof unseenPosts<Post>>>;
      try {
        seen = await unseenPosts(deps.redis, deps.keys, posts, idHash);
      } catch (err) {
        throw jobError('apply_failed', err instanceof Error ? err.name : undefined);
      }
      const delta = await aggregatePosts(deps, seen.fresh);
      delta.seen = seen.hashes;
      const dropped = Object.values(delta.dropped).reduce((a, b) => a + b, 0);
      const at = now();
      const event = {
        type: 'batch',
        tenant: batch.tenant,
        posts: delta.posts,
        at,
        sealedAt: batch.sealedAt,
        batchId: batch.batchId,
      };
      const extraStats = { ...latencyStats(at - batch.sealedAt), ...(seen.repeats ? { repeats: seen.repeats } : {}) };
      try {
        const applied = await applyDelta(deps.redis, deps.keys, batch.batchId, delta, event, {
          extraStats,
          memo: deps.expiries,
          termsPerHour: deps.termsPerHour,
          now: at,
        });
        return { applied, posts: delta.posts, dropped };
      } catch (err) {
        if (err instanceof SeenRace && attempt < 3) continue;
        throw jobError('apply_failed', err instanceof Error ? err.name : undefined);
      }
    }
  };
}
