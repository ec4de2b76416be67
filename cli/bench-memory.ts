import type { RedisClient } from '@trendwacht/shared/node';

export type MemoryKind = { kind: string; keys: number; bytes: number };

/**
 * What Redis holds under a key root, by kind of key (the key with its tenant, bucket,
 * series, hashes and ids taken out), from MEMORY USAGE of every key: where the bytes per
 * post go. Largest first.
 */
export async function memoryByKind(redis: RedisClient, root: string): Promise<MemoryKind[]> {
  const by = new Map<string, MemoryKind>();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${root}:*`, 'COUNT', 1000);
    cursor = next;
    const pipe = redis.pipeline();
    for (const k of keys) pipe.memory('USAGE', k, 'SAMPLES', '0');
    const sizes = (await pipe.exec()) ?? [];
    keys.forEach((k, i) => {
      const kind = kindOf(k.slice(root.length + 1));
      const row = by.get(kind) ?? { kind, keys: 0, bytes: 0 };
      row.keys++;
      row.bytes += Number(sizes[i]?.[1] ?? 0);
      by.set(kind, row);
    });
  } while (cursor !== '0');
  return [...by.values()].sort((a, b) => b.bytes - a.bytes);
}

/** `{bench}:pa:minute:all:lang:nl:1764660000000` → `pa:minute`; `{bench}:v:2026-12-02:a:…` → `v:a`. */
export function kindOf(key: string): string {
  const parts = key.replace(/^\{[^}]*\}:/, '').split(':');
  const [a = '', b = '', c = ''] = parts;
  if (a === 'c' || a === 'a' || a === 'pa') return `${a}:${b}`;
  if (a === 'v') return `v:${/^\d{4}-/.test(b) ? c : b}`;
  if (a === 'terms') return parts.at(-1) === 'p' ? 'terms:p' : 'terms';
  if (a === 'ta') return key.includes(':#') ? 'ta:#' : 'ta';
  if (a === 'batches') return `bullmq:${/^\d+$/.test(b) ? 'job' : b}`;
  return a;
}
