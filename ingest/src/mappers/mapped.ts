import type { PostInput, RejectReason } from '@trendwacht/shared';

/** What a mapper makes of one platform item: a post, or a reject with its reason (no content). */
export type Mapped = { ok: true; post: PostInput } | { ok: false; reason: RejectReason; detail: string };

/**
 * A platform's wire format → posts. Versioned, so a format change is a new version of one
 * small file; pure, so it can be fuzzed. `map` may throw on hostile input: callers use
 * `safeMap`, which never does.
 */
export type Mapper<T = unknown> = { platform: string; version: string; map(payload: T): Mapped[] };

export const post = (p: PostInput): Mapped => ({ ok: true, post: p });
export const reject = (reason: RejectReason, detail: string): Mapped => ({ ok: false, reason, detail });

/** A mapper that never throws: an exception becomes one `unmappable` reject. */
export function safeMap<T>(m: Mapper<T>, payload: T): Mapped[] {
  try {
    return m.map(payload);
  } catch {
    return [reject('unmappable', `${m.platform} mapper ${m.version} could not read the item`)];
  }
}

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
export const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

/** JSON.parse that returns undefined instead of throwing. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
