import type { TenantKeys } from '@trendwacht/shared';
import type { RedisClient } from '@trendwacht/shared/node';
import { type Delta, MAX_TERMS_PER_HOUR } from './aggregate';
import type { ExpiryMemo } from './expiry-memo';
import { rollUp } from './fold-slots';
import { luaScript } from './lua';
import { MsgpackWriter } from './msgpack-writer';
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

type WithApply = RedisClient & {
  twApplyBatch(numKeys: number, ...args: (string | number | Buffer)[]): Promise<number>;
};

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
  // The payload: flat MessagePack arrays, one after another (apply.lua reads them in this order).
  const w = new MsgpackWriter();
  w.begin();
  for (const a of delta.authors) w.str(a);
  w.end();
  // Each post's slot as its bucket and its member; then the buckets this worker has not yet
  // given their expiry (one EXPIREAT a post saved once known).
  const seen = seenPeriod(opts.now ?? Date.now());
  const seenKeys = seenPrefix(keys);
  // On an event clock in the past (a replay) the window still runs from the wall clock's now.
  const seenAt = Math.max(seen.expireAt, Math.floor(Date.now() / 1000) + SEEN_TTL_S);
  const pe: string[] = [];
  w.begin();
  for (const hash of delta.seen) {
    const slot = seenSlot(hash);
    const bucket = slot.slice(0, SEEN_BUCKET_CHARS);
    w.str(bucket).str(slot.slice(SEEN_BUCKET_CHARS));
    const key = `${seenKeys}${seen.period}:${bucket}`;
    if (!memo?.sent(key, seenAt)) {
      pe.push(bucket);
      sent.push([key, seenAt]);
    }
  }
  w.end().begin();
  for (const b of pe) w.str(b);
  w.end();
  // Cells: key, expiry, field count, then field and increment pairs.
  w.begin();
  for (const [k, cell] of delta.cells) {
    w.int(idx(k)).int(exp(k, cell.expireAt)).int(cell.fields.size);
    for (const [f, n] of cell.fields) w.str(f).int(n);
  }
  w.end();
  // Author sketches: key, expiry, author count, then the authors' numbers (1-based, Lua).
  w.begin();
  for (const [k, cell] of delta.authorSets) {
    if (cell.authors.size === 0) continue;
    w.int(idx(k)).int(exp(k, cell.expireAt)).int(cell.authors.size);
    for (const a of cell.authors) w.int(a);
  }
  w.end();
  // Every term of the batch once, with its hash and authors: the script decides its form.
  const termIdx = new Map<string, number>();
  w.begin();
  for (const [term, who] of delta.vocab) {
    termIdx.set(term, termIdx.size + 1);
    w.str(vocabulary?.hash(term) ?? '')
      .str(term)
      .int(who.size);
    for (const a of who) w.int(a);
  }
  w.end();
  const ti = (term: string) => {
    const i = termIdx.get(term);
    if (i === undefined) throw new Error('term_not_in_vocabulary');
    return i;
  };
  // Term lists: key, expiry (0: sent before), sketch prefix, expiry (a string), pending list, term count,
  // then each term's number, count (a string: compared with ZINCRBY's answer) and authors.
  w.begin();
  for (const [k, cell] of delta.terms) {
    w.int(idx(k)).int(exp(k, cell.expireAt)).str(cell.authorsPrefix).str(String(cell.expireAt));
    w.str(pendingTermsKey(k)).int(cell.terms.size);
    for (const [term, t] of cell.terms) {
      w.int(ti(term)).str(decimal(t.n)).int(t.authors.size);
      for (const a of t.authors) w.int(a);
    }
  }
  w.end();
  // Narratives: their four keys, id, posts, first, last, parent, theme, then word count and pairs.
  w.begin();
  for (const [id, nd] of delta.narratives) {
    w.int(idx(keys.narrativeCentroid(id))).int(idx(keys.narrativeMeta(id)));
    w.int(idx(keys.narratives(nd.theme))).int(idx(keys.narrativesRecent(nd.theme)));
    w.str(id)
      .int(nd.posts)
      .int(nd.first)
      .int(nd.last)
      .str(nd.parent ?? '')
      .str(nd.theme)
      .int(nd.words.size);
    for (const [word, c] of nd.words) w.int(ti(word)).int(c);
  }
  w.end();
  w.begin().str('posts').int(delta.posts).str('batches').int(1);
  for (const [reason, n] of Object.entries(delta.dropped)) w.str(`drop:${reason}`).int(n);
  for (const [field, n] of Object.entries(extraStats)) w.str(field).int(n);
  w.end();
  w.str(JSON.stringify(event));
  const payload = w.bytes();
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

/** Small counts as strings, made once. */
const DECIMALS = Array.from({ length: 256 }, (_, i) => String(i));
const decimal = (n: number) => DECIMALS[n] ?? String(n);
