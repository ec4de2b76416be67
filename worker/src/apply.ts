import type { TenantKeys } from '@trendwacht/shared';
import type { RedisClient } from '@trendwacht/shared/node';
import { type Delta, MAX_TERMS_PER_HOUR } from './aggregate';
import type { ExpiryMemo } from './expiry-memo';
import { rollUp } from './fold-slots';
import { luaScript } from './lua';
import { SEEN_BUCKET_CHARS, SEEN_TTL_S, SeenRace, seenPeriod, seenPrefix, seenSlot } from './seen-posts';
import { VOCAB_LUA, VOCAB_PENDING, effectiveK, pendingTermsKey, vocabKeys } from './vocabulary';

export { ExpiryMemo } from './expiry-memo';

/**
 * How long a batch's idempotency marker outlives it: far longer than any retry (stalled
 * jobs are taken again within a minute, failed ones retried over about two), and short
 * enough that markers stay small at firehose rates (20 batches/s ≈ 1.7 M markers a day).
 */
export const MARKER_TTL_S = 86_400;

/** A narrative nobody adds to for this long is forgotten (centroid, metadata, registry). */
export const NARRATIVE_TTL_S = 90 * 86_400;
/** Words kept in a narrative's centroid. */
export const NARRATIVE_WORDS = 30;
/** Narratives kept per theme in each registry (by posts, by last seen). */
export const NARRATIVES_KEPT = 300;

/**
 * Applies a batch's whole delta and its idempotency marker in one atomic script; a batch
 * whose marker exists changes nothing. Every key the script touches is passed in KEYS and
 * shares the tenant's hash tag, except the per-term sketches whose names it derives from a
 * passed prefix (same hash tag, so same slot in a Redis Cluster).
 */
const SCRIPT = luaScript('apply', { vocabulary: VOCAB_LUA });

type WithApply = RedisClient & { twApplyBatch(numKeys: number, ...args: (string | number)[]): Promise<number> };

function withApply(redis: RedisClient): WithApply {
  if (!('twApplyBatch' in redis)) redis.defineCommand('twApplyBatch', { lua: SCRIPT });
  return redis as WithApply;
}

export type ApplyOptions = {
  /** More stats increments applied with the batch (e.g. its latency bucket). */
  extraStats?: Record<string, number> | undefined;
  /** Expiries this worker already sent (see ExpiryMemo). */
  memo?: ExpiryMemo | undefined;
  /** Size each hourly term list is trimmed to (TERMS_PER_HOUR; default MAX_TERMS_PER_HOUR). */
  termsPerHour?: number | undefined;
  /** When the batch's posts count as seen (ms; default now). */
  now?: number | undefined;
};

/** Apply the delta once. Resolves true when applied, false when the batch was applied before. */
export async function applyDelta(
  redis: RedisClient,
  keys: TenantKeys,
  batchId: string,
  delta: Delta,
  event: unknown,
  opts: ApplyOptions = {},
): Promise<boolean> {
  const { extraStats = {}, memo, termsPerHour = MAX_TERMS_PER_HOUR } = opts;
  // Hours and days from the minutes (once; foldAnalysed has done it already).
  rollUp(delta);
  const vocabulary = delta.vocabulary;
  if (!vocabulary && delta.vocab.size > 0) throw new Error('vocabulary_missing');
  const vk = vocabKeys(keys, vocabulary?.day ?? '1970-01-02');
  const keyList: string[] = [keys.batchMarker(batchId), keys.stats, vk.known, vk.knownYesterday, vk.pending];
  const idx = (k: string) => keyList.push(k);
  // Expiries this call sends, recorded in the memo once applied (its own list: batches of
  // several tenants and queues are applied concurrently).
  const sent: [string, number][] = [];
  const exp = (k: string, at: number) => {
    if (memo?.sent(k, at)) return 0;
    sent.push([k, at]);
    return at;
  };
  const c = [...delta.cells].map(([k, cell]) => [idx(k), exp(k, cell.expireAt), flat(cell.fields)]);
  // Each author hash once (delta.authors); sketches refer to it by its (1-based, Lua) number.
  const ids = (set: Set<number>) => [...set];
  const h = [...delta.authorSets]
    .filter(([, cell]) => cell.authors.size > 0)
    .map(([k, cell]) => [idx(k), exp(k, cell.expireAt), ids(cell.authors)]);
  // Every term of the batch once, with its hash and authors: the script decides its form.
  const v: [string, string, number[]][] = [];
  const termIdx = new Map<string, number>();
  for (const [term, who] of delta.vocab) {
    termIdx.set(term, v.push([vocabulary?.hash(term) ?? '', term, ids(who)]));
  }
  const ti = (term: string) => {
    const i = termIdx.get(term);
    if (i === undefined) throw new Error('term_not_in_vocabulary');
    return i;
  };
  const z = [...delta.terms].map(([k, cell]) => {
    const terms: [number, number, number[]][] = [];
    for (const [term, t] of cell.terms) terms.push([ti(term), t.n, ids(t.authors)]);
    return [idx(k), exp(k, cell.expireAt), cell.authorsPrefix, cell.expireAt, terms, pendingTermsKey(k)];
  });
  const n = [...delta.narratives].map(([id, nd]) => [
    idx(keys.narrativeCentroid(id)),
    idx(keys.narrativeMeta(id)),
    idx(keys.narratives(nd.theme)),
    idx(keys.narrativesRecent(nd.theme)),
    id,
    nd.posts,
    nd.first,
    nd.last,
    nd.parent ?? '',
    nd.theme,
    [...nd.words].flatMap(([w, c]) => [ti(w), c]),
  ]);
  const s: (string | number)[] = ['posts', delta.posts, 'batches', 1];
  for (const [reason, n] of Object.entries(delta.dropped)) s.push(`drop:${reason}`, n);
  for (const [field, n] of Object.entries(extraStats)) s.push(field, n);
  // The terms (d.v) go last: a slow-log entry keeps only an argument's first 128 bytes.
  const seen = seenPeriod(opts.now ?? Date.now());
  const seenKeys = seenPrefix(keys);
  const p = delta.seen.map(seenSlot);
  // On an event clock in the past (a replay) the window still runs from the wall clock's now.
  const seenAt = Math.max(seen.expireAt, Math.floor(Date.now() / 1000) + SEEN_TTL_S);
  // The counted-post sets this worker has not yet given their expiry (one EXPIREAT a post saved once known).
  const pe: string[] = [];
  for (const slot of p) {
    const bucket = slot.slice(0, SEEN_BUCKET_CHARS);
    const key = `${seenKeys}${seen.period}:${bucket}`;
    if (!memo?.sent(key, seenAt)) {
      pe.push(bucket);
      sent.push([key, seenAt]);
    }
  }
  const payload = JSON.stringify({ a: delta.authors, c, h, z, n, s, ev: JSON.stringify(event), p, pe, v });
  const applied = await withApply(redis).twApplyBatch(
    keyList.length,
    ...keyList,
    payload,
    keys.events,
    termsPerHour,
    MARKER_TTL_S,
    NARRATIVE_TTL_S,
    NARRATIVE_WORDS,
    NARRATIVES_KEPT,
    effectiveK(vocabulary?.k ?? 0),
    vk.prefix,
    vk.expireAt,
    VOCAB_PENDING,
    `${seenKeys}${seen.period}:`,
    `${seenKeys}${seen.period - 1}:`,
    seenAt,
    // The tenant's key root: where a hashed term rests is noted without it (vocabulary.lua).
    `${keys.queuePrefix}:`,
  );
  if (applied === -1) throw new SeenRace('posts_seen_meanwhile');
  // Applied now: the expiries are set.
  if (applied === 1) memo?.record(sent);
  return applied === 1;
}

function flat(m: Map<string, number>): (string | number)[] {
  const out: (string | number)[] = [];
  for (const [f, n] of m) out.push(f, n);
  return out;
}
