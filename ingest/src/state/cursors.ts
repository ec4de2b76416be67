import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { TenantKeys } from '@trendwacht/shared';
import type { RedisClient } from '@trendwacht/shared/node';
import { type Deadline, withDeadline } from '../transport/deadline';

/** A connector's resume state (cursors, ETags, page tokens), by name. */
export type CursorState = Record<string, string>;

/** Where a source keeps its resume state between runs. */
export interface CursorStore {
  load(): Promise<CursorState>;
  /** Merges these entries into the state and writes it (called only once what they cover is queued). */
  save(entries: CursorState): Promise<void>;
}

/** How long a source's state outlives its last write (a source stopped longer starts afresh). */
export const CURSOR_TTL_S = 30 * 86_400;

export const cursorKey = (keys: TenantKeys, label: string) => `${keys.queuePrefix}:ingest:cursor:${label}`;

/**
 * A source's resume state in Redis: one value per source, sealed (AES-256-GCM under a key
 * derived from the seal key, bound to tenant and source), so a cursor that is a post id
 * (Reddit's `before`, a Telegram message number, an X id) or a feed URL is not readable at
 * rest. It lives `CURSOR_TTL_S` after its last write. One writer per source.
 */
export class RedisCursorStore implements CursorStore {
  private state: CursorState | null = null;
  private readonly key: Buffer;
  private readonly aad: Buffer;

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: TenantKeys,
    private readonly label: string,
    sealKey: Buffer,
    private readonly o: { ttlS?: number; deadline?: Deadline } = {},
  ) {
    this.key = createHmac('sha256', sealKey).update('trendwacht/ingest-cursors').digest();
    this.aad = Buffer.from(`trendwacht/cursor/${keys.tenant}/${label}`);
  }

  async load(): Promise<CursorState> {
    const raw = await withDeadline(
      this.redis.getBuffer(cursorKey(this.keys, this.label)),
      this.o.deadline,
      'reading cursors',
    );
    this.state = raw ? this.open(raw) : {};
    return { ...this.state };
  }

  async save(entries: CursorState): Promise<void> {
    if (this.state === null) await this.load();
    const next = { ...this.state, ...entries };
    const key = cursorKey(this.keys, this.label);
    await withDeadline(
      this.redis.set(key, this.seal(next), 'EX', this.o.ttlS ?? CURSOR_TTL_S),
      this.o.deadline,
      'saving cursors',
    );
    this.state = next;
  }

  private seal(state: CursorState): Buffer {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.key, iv);
    c.setAAD(this.aad);
    const data = Buffer.concat([c.update(JSON.stringify(state), 'utf8'), c.final()]);
    return Buffer.concat([iv, c.getAuthTag(), data]);
  }

  /** A state sealed under another key (a new seal key) or damaged reads as empty: the source starts afresh. */
  private open(raw: Buffer): CursorState {
    try {
      const d = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      d.setAAD(this.aad);
      d.setAuthTag(raw.subarray(12, 28));
      const json: unknown = JSON.parse(Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8'));
      if (typeof json !== 'object' || json === null || Array.isArray(json)) return {};
      return Object.fromEntries(Object.entries(json).filter((e): e is [string, string] => typeof e[1] === 'string'));
    } catch {
      return {};
    }
  }
}

/** State in memory only (files and tests): lost with the process. */
export class MemoryCursorStore implements CursorStore {
  constructor(private state: CursorState = {}) {}
  async load(): Promise<CursorState> {
    return { ...this.state };
  }
  async save(entries: CursorState): Promise<void> {
    this.state = { ...this.state, ...entries };
  }
}
