import { createHash, randomBytes } from 'node:crypto';
import type { AccountKeys } from '@trendwacht/shared';
import type { RedisClient } from '@trendwacht/shared/node';

export type Session = { username: string; csrf: string; createdAt: number };

/** Idle sessions end after this; each request extends it, up to ABSOLUTE_MS after login. */
export const SESSION_IDLE_S = 8 * 3600;
const ABSOLUTE_MS = 24 * 3600 * 1000;

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Sessions in Redis, keyed by the SHA-256 of the cookie value (a stolen Redis dump does
 * not give working cookies). Each carries its CSRF token.
 */
export class SessionStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: AccountKeys,
    private readonly now: () => number = Date.now,
  ) {}

  async create(username: string): Promise<{ token: string; session: Session }> {
    const token = randomBytes(32).toString('base64url');
    const session: Session = { username, csrf: randomBytes(24).toString('base64url'), createdAt: this.now() };
    const d = digest(token);
    await this.redis
      .multi()
      .set(this.keys.session(d), JSON.stringify(session), 'EX', SESSION_IDLE_S)
      .sadd(this.keys.userSessions(username), d)
      .expire(this.keys.userSessions(username), ABSOLUTE_MS / 1000)
      .exec();
    return { token, session };
  }

  /** The live session of a cookie value, its idle timer restarted; null when gone or too old. */
  async get(token: string): Promise<Session | null> {
    if (token.length < 20 || token.length > 100) return null;
    const key = this.keys.session(digest(token));
    const raw = await this.redis.get(key);
    if (!raw) return null;
    const s = JSON.parse(raw) as Session;
    if (this.now() - s.createdAt > ABSOLUTE_MS) {
      await this.redis.del(key);
      return null;
    }
    await this.redis.expire(key, SESSION_IDLE_S);
    return s;
  }

  async destroy(token: string): Promise<void> {
    await this.redis.del(this.keys.session(digest(token)));
  }

  /** Ends every session of a user (password changed, user removed). */
  async destroyAll(username: string): Promise<void> {
    const digests = await this.redis.smembers(this.keys.userSessions(username));
    const pipe = this.redis.pipeline();
    for (const d of digests) pipe.del(this.keys.session(d));
    pipe.del(this.keys.userSessions(username));
    await pipe.exec();
  }
}
