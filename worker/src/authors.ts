import { createHmac, randomBytes } from 'node:crypto';
import type { TenantKeys } from '@trendwacht/shared';
import type { RedisClient } from '@trendwacht/shared/node';

const DAY_MS = 86_400_000;
/** A salt lives through its own day and the next: only the current and previous exist. */
const SALT_TTL_S = 2 * 86_400;

export const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Distinct authors are counted, never kept: each author id is hashed with
 * HMAC-SHA256(salt, source + author id), the salt is 32 random bytes per tenant and day,
 * created on first use, expiring after two days; anything older is deleted on rotation.
 */
export class AuthorHasher {
  private day = '';
  private salt: Buffer | null = null;

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: TenantKeys,
    private readonly now: () => number = Date.now,
  ) {}

  /** A hashing function for the current day (rotating the salt when the day changed). */
  async current(): Promise<(source: string, authorKey: string) => string> {
    const day = dayOf(this.now());
    if (day !== this.day || !this.salt) {
      this.salt = await this.saltFor(day);
      this.day = day;
    }
    const salt = this.salt;
    return (source, authorKey) =>
      createHmac('sha256', salt).update(`${source}\u0000${authorKey}`).digest('base64url').slice(0, 11);
  }

  private async saltFor(day: string): Promise<Buffer> {
    const key = this.keys.salt(day);
    await this.redis.set(key, randomBytes(32).toString('hex'), 'EX', SALT_TTL_S, 'NX');
    const older = dayOf(Date.parse(day) - 2 * DAY_MS);
    await this.redis.del(this.keys.salt(older));
    const hex = await this.redis.get(key);
    if (!hex) throw new Error('salt_unavailable');
    return Buffer.from(hex, 'hex');
  }
}
