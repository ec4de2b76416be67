import { type Analysis, DEFAULT_K, type Post, type ThemeHit, latencyStats } from '@trendwacht/shared';
import {
  type RedisClient,
  type SealedBatch,
  SealedBatchSchema,
  type TenantKeys,
  unseal,
} from '@trendwacht/shared/node';
import { type Delta, THEME_MIN_SCORE, countDrop, emptyDelta, fold } from './aggregate';
import type { AnalysedLang } from './analysis/lexicon';
import { personNameWords, withoutNames } from './analysis/person-names';
import type { StepResult, createAnalyzer } from './analysis/pipeline';
import { type ExpiryMemo, applyDelta } from './apply';
import type { AuthorHasher } from './authors';
import { rollUp } from './fold-slots';
import { jobError } from './job-error';
import { narrativeAssigner, prepareNarratives } from './narratives/assign';
import type { RelevanceIndex } from './relevance/match';
import type { Retention } from './retention';
import { SeenRace, countedBefore, postIdHasher } from './seen-posts';
import type { NarrativeIndex } from './trends/narratives';

export type Analyze = ReturnType<typeof createAnalyzer>;

/** What folding into one tenant needs: its keys, salts, narratives, k, officials. */
export type TenantFoldDeps = {
  keys: TenantKeys;
  hasher: AuthorHasher;
  /** Clusters theme posts into narratives; without it, no narratives are kept. */
  narratives?: NarrativeIndex;
  retention?: Retention;
  /** Expiries already set by this worker (saves Redis calls). */
  expiries?: ExpiryMemo;
  /** Size each hourly term list is trimmed to (TERMS_PER_HOUR). */
  termsPerHour?: number | undefined;
  /** The tenant's k now (its settings): a term rests in plain text once k authors used it. */
  k?: () => number;
  /** Words of the officials the tenant lists (settings): names that may be terms. */
  officials?: () => ReadonlySet<string>;
};

export type BatchDeps = TenantFoldDeps & {
  redis: RedisClient;
  sealKey: Buffer;
  analyze: Analyze;
  now?: () => number;
  /** The tenant's local relevance (its gazetteer); without it every post counts. */
  relevance?: () => RelevanceIndex | null;
};

type AggregateDeps = Pick<TenantFoldDeps, 'keys' | 'hasher' | 'narratives' | 'retention' | 'k' | 'officials'> & {
  analyze: Analyze;
};

/** A post with its analysis (one per analyzer, shared by every tenant it is folded into). */
export type AnalysedPost = { post: Post; result: StepResult };

export function analyse(analyze: Analyze, post: Post): StepResult {
  try {
    return analyze(post);
  } catch {
    return { ok: false, reason: 'analysis_error' };
  }
}

/** A post's person-name words, read once per post object (a shared stream's post is folded into many tenants). */
const NAMES = new WeakMap<Post, { lang: AnalysedLang; names: ReadonlySet<string> }>();

/** The post's person-name words but the tenant's officials (as personNameWords with `allowed`). */
function namesOf(lang: AnalysedLang, post: Post, officials: ReadonlySet<string> | undefined): ReadonlySet<string> {
  let known = NAMES.get(post);
  if (known?.lang !== lang) {
    known = { lang, names: personNameWords(lang, post.text) };
    NAMES.set(post, known);
  }
  const { names } = known;
  if (!officials?.size || names.size === 0) return names;
  const own = new Set(names);
  for (const o of officials) own.delete(o);
  return own;
}

/**
 * Analysed posts → narrative assignment → one delta of one tenant's aggregates. Person
 * names are taken out of the terms here, per tenant (its officials stay).
 */
export async function foldAnalysed(
  deps: Omit<AggregateDeps, 'analyze'>,
  items: readonly AnalysedPost[],
): Promise<Delta> {
  // Hashes of authors met lately are kept by the hasher (an author of several posts or batches is hashed once).
  const hash = await deps.hasher.current();
  const { day, hash: termHash } = await deps.hasher.terms();
  const delta = emptyDelta({ day, hash: termHash, k: deps.k?.() ?? DEFAULT_K });
  const officials = deps.officials?.();
  const analysed: { post: Post; analysis: Analysis; terms: readonly string[]; themes: ThemeHit[] }[] = [];
  for (const { post, result } of items) {
    if (!result.ok) {
      countDrop(delta, result.reason);
      continue;
    }
    // Person names are never terms (nor narrative words): read from the text as written.
    const { analysis } = result;
    const lang = analysis.lang;
    const terms =
      lang !== 'other' && result.terms.length > 0
        ? withoutNames(result.terms, namesOf(lang, post, officials))
        : result.terms;
    analysed.push({ post, analysis, terms, themes: analysis.themes.filter((h) => h.score >= THEME_MIN_SCORE) });
  }
  if (deps.narratives) await prepareNarratives(deps.narratives);
  const assign = deps.narratives ? narrativeAssigner(deps.narratives, termHash) : undefined;
  for (const { post, analysis, terms, themes } of analysed) {
    const narratives = assign ? assign(post, analysis, terms, themes) : [];
    fold(
      delta,
      {
        analysis,
        terms,
        themes,
        createdAt: post.createdAt,
        source: post.source,
        author: post.authorKey ? hash(post.source, post.authorKey) : undefined,
        narratives,
      },
      deps.keys,
      deps.retention,
    );
  }
  rollUp(delta);
  return delta;
}

/**
 * Posts → analysis → narrative assignment → one delta of aggregates. Shared by the batch
 * worker and by `trendwacht replay`, so both count alike.
 */
export async function aggregatePosts(deps: AggregateDeps, posts: readonly Post[]): Promise<Delta> {
  return foldAnalysed(
    deps,
    posts.map((post) => ({ post, result: analyse(deps.analyze, post) })),
  );
}

export type BatchOutcome = { applied: boolean; posts: number; dropped: number; irrelevant: number };

/** A post of a batch with the keyed hash of its id (seen-posts.ts). */
export type HashedPost = { post: Post; hash: string };

/** Unseals a batch's posts; a post repeated inside the batch is kept once. */
export function openBatch(data: unknown, sealKey: Buffer, idHash: (p: Post) => string) {
  const parsed = SealedBatchSchema.safeParse(data);
  if (!parsed.success) throw jobError('invalid_batch', parsed.error.issues[0]?.path.join('.'));
  const batch: SealedBatch = parsed.data;
  let posts: Post[];
  try {
    posts = unseal(batch, sealKey);
  } catch {
    throw jobError('unseal_failed');
  }
  const seen = new Set<string>();
  const items: HashedPost[] = [];
  for (const post of posts) {
    const hash = idHash(post);
    if (seen.has(hash)) continue;
    seen.add(hash);
    items.push({ post, hash });
  }
  return { batch, items, repeats: posts.length - items.length };
}

export type TenantApply = {
  redis: RedisClient;
  tenant: TenantFoldDeps;
  batch: SealedBatch;
  /** The batch's posts this tenant counts, each with its analysis. */
  relevant: readonly (HashedPost & { result: StepResult })[];
  /** The batch's posts of this tenant's own queue it does not count (not local): marked seen, counted as such. */
  irrelevant: readonly HashedPost[];
  repeats: number;
  at: number;
};

/**
 * Folds a batch's posts into one tenant and applies it atomically with the batch marker.
 * Optimistic: posts are not looked up first; when the apply script finds one counted
 * before (a re-import, a retrying sender, another worker), the counted ones are filtered
 * out and the rest applied again.
 */
export async function applyToTenant(a: TenantApply): Promise<BatchOutcome> {
  let relevant = a.relevant;
  let irrelevant = a.irrelevant;
  let repeats = a.repeats;
  const t = a.tenant;
  for (let attempt = 1; ; attempt++) {
    const delta = await foldAnalysed(t, relevant);
    delta.seen = [...relevant.map((p) => p.hash), ...irrelevant.map((p) => p.hash)];
    const dropped = Object.values(delta.dropped).reduce((x, y) => x + y, 0);
    const event = {
      type: 'batch',
      tenant: t.keys.tenant,
      posts: delta.posts,
      at: a.at,
      sealedAt: a.batch.sealedAt,
      batchId: a.batch.batchId,
    };
    const extraStats: Record<string, number> = {
      ...latencyStats(a.at - a.batch.sealedAt),
      ...(repeats ? { repeats } : {}),
      ...(irrelevant.length ? { 'drop:irrelevant': irrelevant.length } : {}),
    };
    try {
      const applied = await applyDelta(a.redis, t.keys, a.batch.batchId, delta, event, {
        extraStats,
        memo: t.expiries,
        termsPerHour: t.termsPerHour,
        now: a.at,
      });
      return { applied, posts: delta.posts, dropped, irrelevant: irrelevant.length };
    } catch (err) {
      if (!(err instanceof SeenRace) || attempt >= 3) throw jobError('apply_failed', errorName(err));
    }
    const before = relevant.length + irrelevant.length;
    try {
      const hashes = [...relevant, ...irrelevant].map((p) => p.hash);
      const known = await countedBefore(a.redis, t.keys, hashes, a.at);
      relevant = relevant.filter((p) => !known.has(p.hash));
      irrelevant = irrelevant.filter((p) => !known.has(p.hash));
    } catch (err) {
      throw jobError('apply_failed', errorName(err));
    }
    repeats += before - relevant.length - irrelevant.length;
  }
}

const errorName = (err: unknown) => (err instanceof Error ? err.name : undefined);

/**
 * One sealed batch of a tenant's own queue → the posts that concern the town (its
 * gazetteer, its local sources) analysed in memory → one atomic update of the aggregates.
 * The posts exist only inside this function; what leaves it is counts.
 */
export function createBatchProcessor(deps: BatchDeps) {
  const now = deps.now ?? Date.now;
  const idHash = postIdHasher(deps.sealKey);
  return async function processBatch(data: unknown): Promise<BatchOutcome> {
    const { batch, items, repeats } = openBatch(data, deps.sealKey, idHash);
    if (batch.tenant !== deps.keys.tenant) throw jobError('tenant_mismatch');
    const index = deps.relevance?.() ?? null;
    const relevant: TenantApply['relevant'][number][] = [];
    const irrelevant: HashedPost[] = [];
    for (const item of items) {
      if (index && index.tenantsFor(item.post).length === 0) irrelevant.push(item);
      else relevant.push({ ...item, result: analyse(deps.analyze, item.post) });
    }
    return applyToTenant({ redis: deps.redis, tenant: deps, batch, relevant, irrelevant, repeats, at: now() });
  };
}
