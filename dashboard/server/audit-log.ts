import { createHash } from 'node:crypto';
import { type AuditEntry, AuditEntrySchema } from '@trendwacht/shared';
import type { RedisClient } from '@trendwacht/shared/node';

export type AuditRecord = {
  actor: string;
  action: string;
  target?: string | null;
  detail?: Record<string, string | number | boolean | null> | null;
};
export type AuditChainKeys = { audit: string; auditHead: string };
export type VerifyResult = { ok: true; entries: number; head: string } | { ok: false; seq: number; reason: string };

/** The hash of an entry: sha256(prev + "\n" + JSON of its fields in a fixed order). */
export function entryHash(e: Omit<AuditEntry, 'hash'>): string {
  const body = JSON.stringify([e.seq, e.at, e.actor, e.action, e.target, e.detail]);
  return createHash('sha256').update(`${e.prev}\n${body}`).digest('hex');
}

// Append only if the head is still what the caller read: no two entries share a `prev`.
const APPEND = `
local head = redis.call('GET', KEYS[2]) or ''
if head ~= ARGV[1] then return 0 end
redis.call('RPUSH', KEYS[1], ARGV[2])
redis.call('SET', KEYS[2], ARGV[3])
return 1`;

const PAGE = 500;

/**
 * An append-only, hash-chained audit log (a Redis list). Every entry carries the hash of
 * the one before; `verify` recomputes the chain and names the first entry that was
 * changed, removed or inserted. The head (`seq:hash`) is kept next to the list, so
 * dropping entries at the end is caught as well.
 */
export class AuditLog {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: AuditChainKeys,
    private readonly now: () => number = Date.now,
  ) {}

  async append(r: AuditRecord): Promise<AuditEntry> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const head = (await this.redis.get(this.keys.auditHead)) ?? '';
      const [seqText, prev = ''] = head ? head.split(':') : ['0', ''];
      const base = {
        seq: Number(seqText) + 1,
        at: this.now(),
        actor: r.actor,
        action: r.action,
        target: r.target ?? null,
        detail: r.detail ?? null,
        prev,
      };
      const entry: AuditEntry = { ...base, hash: entryHash(base) };
      const ok = await this.redis.eval(
        APPEND,
        2,
        this.keys.audit,
        this.keys.auditHead,
        head,
        JSON.stringify(entry),
        `${entry.seq}:${entry.hash}`,
      );
      if (ok === 1) return entry;
    }
    throw new Error('audit log busy: could not append');
  }

  /** Newest first; `before` is a seq to page back from. */
  async page(limit: number, before?: number): Promise<AuditEntry[]> {
    const len = await this.redis.llen(this.keys.audit);
    const end = Math.min(len, before ? before - 1 : len) - 1;
    if (end < 0) return [];
    const start = Math.max(0, end - limit + 1);
    const raw = await this.redis.lrange(this.keys.audit, start, end);
    return raw.map((r) => JSON.parse(r) as AuditEntry).reverse();
  }

  async verify(): Promise<VerifyResult> {
    const len = await this.redis.llen(this.keys.audit);
    let prev = '';
    for (let start = 0; start < len; start += PAGE) {
      const raw = await this.redis.lrange(this.keys.audit, start, start + PAGE - 1);
      for (const [i, line] of raw.entries()) {
        const pos = start + i + 1;
        let parsed: ReturnType<typeof AuditEntrySchema.safeParse>;
        try {
          parsed = AuditEntrySchema.safeParse(JSON.parse(line));
        } catch {
          return { ok: false, seq: pos, reason: 'entry is not JSON' };
        }
        if (!parsed.success) return { ok: false, seq: pos, reason: 'entry has the wrong shape' };
        const e = parsed.data;
        if (e.seq !== pos)
          return { ok: false, seq: pos, reason: `expected seq ${pos}, found ${e.seq} (entry removed or inserted)` };
        if (e.prev !== prev)
          return { ok: false, seq: pos, reason: 'prev does not match the entry before (chain broken)' };
        const { hash, ...rest } = e;
        if (entryHash(rest) !== hash)
          return { ok: false, seq: pos, reason: 'hash does not match the content (entry changed)' };
        prev = hash;
      }
    }
    const head = (await this.redis.get(this.keys.auditHead)) ?? '';
    const expected = len === 0 ? '' : `${len}:${prev}`;
    if (head !== expected)
      return { ok: false, seq: len, reason: 'the head does not match the last entry (entries removed at the end)' };
    return { ok: true, entries: len, head: prev };
  }
}
