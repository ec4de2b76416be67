import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type RedisClient, keyHolders } from '@trendwacht/shared/node';
import { type RareFinding, type RareVocabulary, rareVocabulary, searchRare } from './privacy/rare-words';
import { type PrivacyFinding, searchAlerts, searchOldSalts } from './privacy/salts-alerts';

/** What must never be found at rest: posts' 5-word shingles, author ids and URLs. */
export type Needles = {
  shingles: Map<string, string>;
  /** Author ids and URLs by their first PREFIX characters, to scan a blob in one pass. */
  byPrefix: Map<string, { needle: string; kind: 'author' | 'url'; postId: string }[]>;
  /** Words and pairs of fewer than k authors (only when a k was given). */
  rare?: RareVocabulary;
};
const PREFIX = 4;
export type Finding =
  | { kind: 'shingle' | 'author' | 'url'; postId: string; where: string }
  | RareFinding
  | PrivacyFinding;
export type AuditReport = { keys: number; bytes: number; aofBytes: number; findings: Finding[] };

export type NeedleOptions = {
  /** Also look for every word and pair fewer than k of the posts' authors used. */
  k?: number;
  /** Words that may be at rest whatever the posts say (the tenant's own watch terms). */
  allow?: Iterable<string>;
};

const WORD = /[\p{L}\p{N}]+/gu;
const SHINGLE = 5;
const words = (s: string) => s.toLowerCase().match(WORD) ?? [];

type AuditPost = { id: unknown; text?: unknown; authorKey?: unknown; url?: unknown; source?: unknown };

export function needlesFrom(posts: Iterable<AuditPost>, opts: NeedleOptions = {}): Needles {
  const list = [...posts];
  const n: Needles = { shingles: new Map(), byPrefix: new Map() };
  if (opts.k !== undefined) n.rare = rareVocabulary(list, opts.k, opts.allow);
  const add = (needle: string, kind: 'author' | 'url', postId: string) => {
    const key = needle.slice(0, PREFIX);
    const list = n.byPrefix.get(key) ?? [];
    list.push({ needle, kind, postId });
    n.byPrefix.set(key, list);
  };
  for (const p of list) {
    const id = String(p.id);
    if (typeof p.text === 'string') {
      const w = words(p.text);
      for (let i = 0; i + SHINGLE <= w.length; i++) n.shingles.set(w.slice(i, i + SHINGLE).join(' '), id);
    }
    if (p.authorKey !== undefined && String(p.authorKey).length >= PREFIX) add(String(p.authorKey), 'author', id);
    if (typeof p.url === 'string' && p.url.length >= PREFIX) add(p.url, 'url', id);
  }
  return n;
}

/** Search one blob of text (a key and its value, or a persistence file). */
export function searchBlob(blob: string, where: string, n: Needles, out: Finding[]): void {
  if (n.rare) searchRare(blob, where, n.rare, out as RareFinding[]);
  const w = words(blob);
  for (let i = 0; i + SHINGLE <= w.length; i++) {
    const id = n.shingles.get(w.slice(i, i + SHINGLE).join(' '));
    if (id) out.push({ kind: 'shingle', postId: id, where });
  }
  if (n.byPrefix.size === 0) return;
  for (let i = 0; i + PREFIX <= blob.length; i++) {
    const candidates = n.byPrefix.get(blob.slice(i, i + PREFIX));
    if (!candidates) continue;
    for (const c of candidates) if (blob.startsWith(c.needle, i)) out.push({ kind: c.kind, postId: c.postId, where });
  }
}

/** Every key of the Redis database (BullMQ's included) with every value, as text; each master of a cluster. */
async function* dumpRedis(redis: RedisClient): AsyncGenerator<{ key: string; text: string; value: unknown }> {
  for (const node of await keyHolders(redis)) {
    let cursor = '0';
    do {
      const [next, batch] = await node.scan(cursor, 'COUNT', 1000);
      cursor = next;
      if (batch.length === 0) continue;
      const types = await node.pipeline(batch.map((k) => ['type', k])).exec();
      const reads = node.pipeline();
      batch.forEach((k, i) => {
        const type = String(types?.[i]?.[1]);
        if (type === 'string') reads.getBuffer(k);
        else if (type === 'hash') reads.hgetall(k);
        else if (type === 'list') reads.lrange(k, 0, -1);
        else if (type === 'set') reads.smembers(k);
        else if (type === 'zset') reads.zrange(k, 0, -1, 'WITHSCORES');
        else if (type === 'stream') reads.xrange(k, '-', '+');
        else reads.exists(k);
      });
      const values = (await reads.exec()) ?? [];
      for (let i = 0; i < batch.length; i++) {
        const v = values[i]?.[1];
        const text = Buffer.isBuffer(v) ? v.toString('latin1') + v.toString('utf8') : JSON.stringify(v);
        yield { key: batch[i] as string, text, value: v };
      }
    } while (cursor !== '0');
  }
}

/** Files of an AOF: Redis 7 keeps a directory (appendonlydir), older versions one file. */
function aofFiles(path: string): string[] {
  const st = statSync(path);
  return st.isDirectory() ? readdirSync(path).map((f) => join(path, f)) : [path];
}

export type AuditOptions = {
  /** RDB snapshots to search too (dump.rdb files; their strings may be compressed, so best effort). */
  rdbPaths?: string[];
  /** The time "yesterday" is counted from (salts older than it are findings). */
  now?: number;
  /** k for stored alerts (default: the needles' k, else MIN_K). */
  k?: number;
};

/** An alert hash: `…:alerts` (the detector's receipts, by alert id). */
const ALERTS_KEY = /:alerts$/;

export async function audit(
  redis: RedisClient,
  needles: Needles,
  aofPath?: string,
  opts: AuditOptions = {},
): Promise<AuditReport> {
  const report: AuditReport = { keys: 0, bytes: 0, aofBytes: 0, findings: [] };
  const now = opts.now ?? Date.now();
  const k = opts.k ?? needles.rare?.k ?? 3;
  const out = report.findings as PrivacyFinding[];
  for await (const { key, text, value } of dumpRedis(redis)) {
    report.keys++;
    report.bytes += text.length;
    const where = `redis key ${key}`;
    searchBlob(`${key}\n${text}`, where, needles, report.findings);
    searchOldSalts(key, where, now, out);
    if (ALERTS_KEY.test(key) && value && typeof value === 'object' && !Array.isArray(value)) {
      searchAlerts(value as Record<string, string>, where, k, out);
    }
  }
  const files = [...(aofPath ? aofFiles(aofPath) : []), ...(opts.rdbPaths ?? [])];
  for (const file of files) {
    const buf = readFileSync(file);
    report.aofBytes += buf.length;
    const text = buf.toString('utf8');
    searchBlob(text, `file ${file}`, needles, report.findings);
    searchOldSalts(buf.toString('latin1'), `file ${file}`, now, out);
  }
  return report;
}
