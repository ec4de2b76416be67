import { createHmac, randomBytes } from 'node:crypto';
import { dayOf } from './authors';
import type { Vocabulary } from './vocabulary';

/** A vocabulary for tests that fold deltas by hand: today's day, a random key, the given k. */
export function testVocabulary(k: number, now = Date.now(), key: Buffer = randomBytes(32)): Vocabulary {
  return {
    day: dayOf(now),
    k,
    hash: (term) => createHmac('sha256', key).update(`term\u0000${term}`).digest('hex').slice(0, 20),
  };
}
