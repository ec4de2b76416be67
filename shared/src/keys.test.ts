import { describe, expect, it } from 'vitest';
import { bucketStart, tenantKeys } from './keys';

describe('tenantKeys', () => {
  it('puts the tenant in a Redis Cluster hash tag in every key', () => {
    const k = tenantKeys('tw', 'gent');
    const all = [
      k.cell('hate', 'minute', 0),
      k.cellAuthors('all', 'hour', 0),
      k.terms('hate', 0),
      k.batchMarker('b'),
      k.salt('2026-01-01'),
      k.stats,
      k.events,
      k.queuePrefix,
    ];
    for (const key of all) expect(key.startsWith('tw:{gent}')).toBe(true);
  });
  it('refuses tenant names that could break out of the key space', () => {
    expect(() => tenantKeys('tw', 'a}b')).toThrow(/tenant must match/);
    expect(() => tenantKeys('tw', '')).toThrow();
    expect(() => tenantKeys('tw', 'Gent')).toThrow();
  });
  it('buckets event times on UTC boundaries', () => {
    const t = Date.parse('2026-11-23T10:17:42.500Z');
    expect(new Date(bucketStart(t, 'minute')).toISOString()).toBe('2026-11-23T10:17:00.000Z');
    expect(new Date(bucketStart(t, 'hour')).toISOString()).toBe('2026-11-23T10:00:00.000Z');
    expect(new Date(bucketStart(t, 'day')).toISOString()).toBe('2026-11-23T00:00:00.000Z');
  });
});
