import { createHash } from 'node:crypto';
import { type AuditEntry, AuditEntrySchema, type AuditVerify } from '@trendwacht/shared';
import type { RedisClient } from '@trendwacht/shared/node';
import { readLua } from '@trendwacht/shared/node';

export type AuditRecord = {
  actor: string;
  action: string;
  target?: string | null;
  detail?: Record<string, string | number | boolean | null> | null;
};
export type AuditChainKeys = { audit: string; auditHead: string; auditBase: string };
export type VerifyResult = AuditVerify;
/** Where a chain (or a piece of it) starts: after entry `seq` with hash `hash` (0 and '' at the very start). */
export type ChainPoint = { seq: number; hash: string };

const parsePoint = (v: string | null): ChainPoint => {
  if (!v) return { seq: 0, hash: '' };
  const [seq = '0', hash = ''] = v.split(':');
  return { seq: Number(seq), hash };
};

/**
 * Checks raw entries as a piece of a chain starting after `from`: each parses, has the next
 * seq, links to the hash before it and hashes to its own hash. Returns the last point, or
 * the first entry at fault.
 */
export function checkEntries(
  lines: readonly string[],
  from: ChainPoint,
): { ok: true; last: ChainPoint } | { ok: false; seq: number; reason: string } {
  let prev = from.hash;
  let seq = from.seq;
  for (const line of lines) {
    seq++;
    let parsed: ReturnType<typeof AuditEntrySchema.safeParse>;
    try {
      parsed = AuditEntrySchema.safeParse(JSON.parse(line));
    } catch {
      return { ok: false, seq, reason: 'entry is not JSON' };
    }
    if (!parsed.success) return { ok: false, seq, reason: 'entry has the wrong shape' };
    const e = parsed.data;
    if (e.seq !== seq)
      return { ok: false, seq, reason: `expected seq ${seq}, found ${e.seq} (entry removed or inserted)` };
    if (e.prev !== prev) return { ok: false, seq, reason: 'prev does not match the entry before (chain broken)' };
    const { hash, ...rest } = e;
    if (entryHash(rest) !== hash) return { ok: false, seq, reason: 'hash does not match the content (entry changed)' };
    prev = hash;
  }
  return { ok: true, last: { seq, hash: prev } };
}

/** The hash of an entry: sha256(prev + "\n" + JSON of its fields in a fixed order). */
export function entryHash(e: Omit<AuditEntry, 'hash'>): string {
  const body = JSON.stringify([e.seq, e.at, e.actor, e.action, e.target, e.detail]);
  return createHash('sha256').update(`${e.prev}\n${body}`).digest('hex');
}

// Append only if the head is still what the caller read: no two entries share a `prev`.
const APPEND = readLua(new URL('./lua/audit-append.lua', import.meta.url));

const PAGE = 500;

// Drop the first N entries only if the last of them is still the one archived, and move the base.
const TRIM = readLua(new URL('./lua/audit-trim.lua', import.meta.url));

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

  /** Newest first; `before` is a seq to page back from. Archived entries are not in Redis. */
  async page(limit: number, before?: number): Promise<AuditEntry[]> {
    const base = await this.base();
    const len = await this.redis.llen(this.keys.audit);
    const end = Math.min(len, before ? before - base.seq - 1 : len) - 1;
    if (end < 0) return [];
    const start = Math.max(0, end - limit + 1);
    const raw = await this.redis.lrange(this.keys.audit, start, end);
    return raw.map((r) => JSON.parse(r) as AuditEntry).reverse();
  }

  /** Where the list in Redis continues the chain (after the last archived entry). */
  async base(): Promise<ChainPoint> {
    return parsePoint(await this.redis.get(this.keys.auditBase));
  }

  async verify(): Promise<VerifyResult> {
    const base = await this.base();
    const len = await this.redis.llen(this.keys.audit);
    let last = base;
    for (let start = 0; start < len; start += PAGE) {
      const r = checkEntries(await this.redis.lrange(this.keys.audit, start, start + PAGE - 1), last);
      if (!r.ok) return r;
      last = r.last;
    }
    const head = (await this.redis.get(this.keys.auditHead)) ?? '';
    const expected = last.seq === 0 ? '' : `${last.seq}:${last.hash}`;
    if (head !== expected)
      return {
        ok: false,
        seq: last.seq,
        reason: 'the head does not match the last entry (entries removed at the end)',
      };
    return { ok: true, entries: last.seq, archived: base.seq, head: last.hash };
  }

  /**
   * Moves the entries older than `before` (ms) out of Redis: the chain is verified first,
   * `write` must store them durably (a file), then they are trimmed and the base moves to
   * the last of them, so `verify` goes on checking the rest from there. Returns the raw
   * entries moved and the new base; nothing changes when the chain is broken or when an
   * entry was appended to an empty list meanwhile.
   */
  async archive(
    before: number,
    write: (lines: readonly string[], from: ChainPoint) => Promise<void>,
  ): Promise<{ archived: number; base: ChainPoint } | { error: string }> {
    const check = await this.verify();
    if (!check.ok) return { error: `chain broken at entry ${check.seq}: ${check.reason}` };
    const from = await this.base();
    // The oldest entries, up to the first one at or after `before`.
    const lines: string[] = [];
    let more = true;
    for (let start = 0; more; start += PAGE) {
      const raw = await this.redis.lrange(this.keys.audit, start, start + PAGE - 1);
      for (const line of raw) {
        if ((JSON.parse(line) as AuditEntry).at >= before) {
          more = false;
          break;
        }
        lines.push(line);
      }
      if (raw.length < PAGE) more = false;
    }
    if (lines.length === 0) return { archived: 0, base: from };
    const lastLine = lines.at(-1) as string;
    const last = JSON.parse(lastLine) as AuditEntry;
    await write(lines, from);
    const base = { seq: last.seq, hash: last.hash };
    const done = await this.redis.eval(
      TRIM,
      2,
      this.keys.audit,
      this.keys.auditBase,
      lines.length,
      lastLine,
      `${base.seq}:${base.hash}`,
    );
    if (done !== 1) return { error: 'the log changed while archiving; nothing was trimmed (run again)' };
    return { archived: lines.length, base };
  }
}
