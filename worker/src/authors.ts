import { createHmac, randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TenantKeys } from '@trendwacht/shared';
import type { RedisClient } from '@trendwacht/shared/node';

const DAY_MS = 86_400_000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Salts of processes given no folder (single-process tools, tests): one per tenant and day, in memory. */
const memorySalts = new Map<string, Buffer>();

/** Term hashes a hasher keeps for its day before starting over. */
const TERM_HASHES = 200_000;

/**
 * Author hashes a hasher keeps for its salt (the authors of the last batches: an author
 * of many batches is hashed once, not once a batch). Two generations of this many: when
 * the newer is full the older is dropped, so the ids of authors not seen lately go.
 */
const AUTHOR_HASHES = 50_000;
/**
 * A generation of author hashes is also dropped after this long, so an author id stays in
 * memory at most twice this after its author's last post (ms).
 */
const AUTHOR_GENERATION_MS = 5 * 60_000;

/** A salt's author hashes, by source and author id: in this process' memory only, dropped with the salt. */
type AuthorCache = {
  day: string;
  size: number;
  /** When the newer generation was started. */
  since: number;
  fresh: Map<string, Map<string, string>>;
  old: Map<string, Map<string, string>>;
};

/** A term's keyed hash as it rests until k authors used the term (hex: never mistaken for a word). */
export type TermHash = (term: string) => string;

/**
 * Distinct authors are counted, never kept: each author id is hashed with
 * HMAC-SHA256(salt, source + author id), the salt is 32 random bytes per tenant and day.
 * The same salt keys the hashes of terms fewer than k authors used (vocabulary.ts). The
 * hashes of recent authors are kept with their ids in this process' memory only (never
 * written, logged or sent), at most 2 × AUTHOR_HASHES, each at most ten minutes after its
 * author's last post (AUTHOR_GENERATION_MS), and dropped with the salt.
 *
 * Salts never reach Redis (so never its AOF or an RDB snapshot): they are files in the
 * data folder (`<dir>/salts/<root>_<tenant>/<YYYY-MM-DD>`, mode 0600), created by the
 * first worker that needs one (an exclusive link, so concurrent workers agree), and
 * deleted once older than yesterday. Every worker of a tenant must see the same folder
 * (one host, or a shared volume). Without a folder the salts live in this process only.
 */
export class AuthorHasher {
  private day = '';
  private salt: Buffer | null = null;
  private termDay = '';
  private termCache = new Map<string, string>();
  private authorCache: AuthorCache = { day: '', size: 0, since: 0, fresh: new Map(), old: new Map() };
  private readonly dir: string | undefined;

  constructor(
    _redis: RedisClient | null,
    private readonly keys: TenantKeys,
    private readonly now: () => number = Date.now,
    /** The data folder (TRENDWACHT_DATA_DIR); salts go in its `salts/` subfolder. */
    dataDir?: string,
  ) {
    this.dir = dataDir ? join(dataDir, 'salts', keys.queuePrefix.replace(/[^a-z0-9_-]+/g, '_')) : undefined;
  }

  /** A hashing function for the current day (rotating the salt when the day changed). */
  async current(): Promise<(source: string, authorKey: string) => string> {
    const salt = this.today();
    const at = this.now();
    if (this.authorCache.day !== this.day)
      this.authorCache = { day: this.day, size: 0, since: at, fresh: new Map(), old: new Map() };
    const cache = this.authorCache;
    if (at - cache.since > AUTHOR_GENERATION_MS) {
      cache.old = at - cache.since > 2 * AUTHOR_GENERATION_MS ? new Map() : cache.fresh;
      cache.fresh = new Map();
      cache.size = 0;
      cache.since = at;
    }
    return (source, authorKey) => {
      let fresh = cache.fresh.get(source);
      let h = fresh?.get(authorKey);
      if (h !== undefined) return h;
      h =
        cache.old.get(source)?.get(authorKey) ??
        createHmac('sha256', salt).update(`${source}\u0000${authorKey}`).digest('base64url').slice(0, 11);
      if (cache.size >= AUTHOR_HASHES) {
        cache.old = cache.fresh;
        cache.fresh = new Map();
        cache.size = 0;
        cache.since = this.now();
        fresh = undefined;
      }
      if (!fresh) {
        fresh = new Map();
        cache.fresh.set(source, fresh);
      }
      fresh.set(authorKey, h);
      cache.size++;
      return h;
    };
  }

  /**
   * The day of the current salt and the keyed hash of a term under it (80 bits, hex).
   * Hashes are kept for the salt's day (common words come back in every batch), at most
   * TERM_HASHES of them, and dropped with the salt.
   */
  async terms(): Promise<{ day: string; hash: TermHash }> {
    const salt = this.today();
    if (this.termDay !== this.day || this.termCache.size > TERM_HASHES) {
      this.termCache = new Map();
      this.termDay = this.day;
    }
    const cache = this.termCache;
    return {
      day: this.day,
      hash: (term) => {
        let h = cache.get(term);
        if (h === undefined) {
          h = createHmac('sha256', salt).update(`term\u0000${term}`).digest('hex').slice(0, 20);
          cache.set(term, h);
        }
        return h;
      },
    };
  }

  private today(): Buffer {
    const day = dayOf(this.now());
    if (day !== this.day || !this.salt) {
      this.salt = this.saltOf(day);
      this.day = day;
    }
    return this.salt;
  }

  /** The salt of a day: from the data folder, else kept in this process. */
  protected saltOf(day: string): Buffer {
    return this.dir ? this.fileSalt(this.dir, day) : this.memorySalt(day);
  }

  private memorySalt(day: string): Buffer {
    const key = `${this.keys.queuePrefix}\u0000${day}`;
    let salt = memorySalts.get(key);
    if (!salt) {
      salt = randomBytes(32);
      memorySalts.set(key, salt);
    }
    const oldest = dayOf(Date.parse(day) - DAY_MS);
    for (const k of memorySalts.keys()) {
      const [prefix, d] = k.split('\u0000');
      if (prefix === this.keys.queuePrefix && (d as string) < oldest) memorySalts.delete(k);
    }
    return salt;
  }

  private fileSalt(dir: string, day: string): Buffer {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const file = join(dir, day);
    // Written whole under a temporary name, then linked: the link fails if another worker
    // made today's salt first, and then both read that one.
    const tmp = join(dir, `.${day}.${process.pid}.${randomBytes(4).toString('hex')}`);
    writeFileSync(tmp, randomBytes(32), { mode: 0o600 });
    try {
      linkSync(tmp, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      rmSync(tmp, { force: true });
    }
    const salt = readFileSync(file);
    if (salt.length !== 32) throw new Error('salt_unavailable');
    // Only today's and yesterday's salts may exist.
    const oldest = dayOf(Date.parse(day) - DAY_MS);
    for (const f of readdirSync(dir)) if (DAY.test(f) && f < oldest) rmSync(join(dir, f), { force: true });
    return salt;
  }
}
