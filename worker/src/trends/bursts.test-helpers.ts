import type { Reading } from './episodes';
import type { Burst } from './stories';

const MIN = 60_000;

/** A burst of a series in the minute `minute`: 12 posts of 12 authors against 0.5 expected. */
export function testBurst(kind: Reading['kind'], key: string, minute: number, more: Partial<Burst> = {}): Burst {
  return {
    reading: {
      kind,
      key,
      observed: 12,
      expected: 0.5,
      score: 8,
      windowStart: minute - 10 * MIN,
      windowEnd: minute + MIN,
    },
    theme: kind === 'theme' ? key : 'all',
    authors: 12,
    ...more,
  };
}
