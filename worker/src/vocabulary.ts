import { MIN_K, type TenantKeys } from '@trendwacht/shared';
import type { TermHash } from './authors';
import { luaScript } from './lua';

/**
 * A k-anonymous vocabulary. A term (word or pair) rests in plain text only once k distinct
 * authors used it within one salt day; until then it exists only as its keyed hash
 * (HMAC under the day's salt, authors.ts), which nobody can link to a word once the salt
 * is deleted. The plain form is written by the batch that brings the k-th author: the
 * worker sends each term with its hash, and the apply script decides in Redis, atomically
 * with the batch, which form to write (scripts are replicated by their effects, so a
 * term sent but not written never reaches the AOF). On that promotion the script moves
 * everything kept under the hash to the plain term: counts and author sketches of the
 * hourly term lists, and weights in narrative centroids.
 *
 * Keys (all under the tenant's hash tag, `<t>:v:<day>:…`, expiring at the end of the
 * next day, like the salt):
 *   known       set of terms promoted that day (yesterday's is read too)
 *   a:<hash>    author sketch of a term not yet known
 *   w:<hash>    where it rests under its hash (term lists and centroids), to promote it
 *               (a small hash of the places' keys without the tenant's root; `i:<hash>`, a
 *               set of whole keys, before: old keys are left to expire, never read)
 *   pending     hashes not yet known, by uses (trimmed to VOCAB_PENDING, least used first)
 * A term list's not-yet-known terms are a list beside it (`<terms key>:p`), which no reader
 * ever reads; their sketches are `<sketch prefix>#<hash>`.
 */

/** Terms awaiting their k-th author kept per day (beyond it the least used are forgotten). */
export const VOCAB_PENDING = 100_000;

/** How a batch hashes terms, and the k its vocabulary is promoted at. */
export type Vocabulary = { day: string; hash: TermHash; k: number };

const DAY_MS = 86_400_000;

/** The vocabulary's keys for a day, and the second at which they expire (end of the next day). */
export function vocabKeys(keys: TenantKeys, day: string) {
  const v = (d: string) => `${keys.queuePrefix}:v:${d}:`;
  const yesterday = new Date(Date.parse(day) - DAY_MS).toISOString().slice(0, 10);
  return {
    known: `${v(day)}known`,
    knownYesterday: `${v(yesterday)}known`,
    prefix: v(day),
    pending: `${v(day)}pending`,
    expireAt: Math.floor((Date.parse(day) + 2 * DAY_MS) / 1000),
  };
}

/** The list of a term list's not-yet-known terms (by hash). */
export const pendingTermsKey = (termsKey: string) => `${termsKey}:p`;

export const effectiveK = (k: number) => Math.max(k, MIN_K);

/**
 * Lua: decides each term's stored form (`form[i]`: the term, or `#<hash>`), promoting the
 * terms whose k-th author is in this batch. Expects `V` = a flat array of each term's hash,
 * the term, its author count and the authors' numbers; `pfadd(key, t, from, n)` (returns 1
 * when the sketch changed) and KEYS[3..5] = known today, known yesterday, pending;
 * ARGV[8..11] = k, per-hash key prefix, expire-at, pending cap; ARGV[15] = the tenant's key
 * root (`<queue prefix>:`).
 */
export const VOCAB_LUA = luaScript('vocabulary');
