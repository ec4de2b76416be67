import { POST_INPUT_LIMITS as L, type PostInput } from '@trendwacht/shared';

/**
 * The item itself when it is plainly a valid post input — a plain object whose fields all
 * hold what `PostInputSchema` accepts — else null, and the schema decides (and names what is
 * wrong). Accepts only what the schema accepts, never more; at a fraction of its cost (the
 * schema copies every item and builds a context per field), so nearly every post skips it.
 */
export function plainPostInput(v: unknown): PostInput | null {
  if (typeof v !== 'object' || v === null) return null;
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return null;
  const p = v as Record<string, unknown>;
  const ok =
    (typeof p.id === 'string' ? p.id.length >= 1 && p.id.length <= L.idChars : isCount(p.id)) &&
    (p.source === undefined || (typeof p.source === 'string' && L.source.test(p.source))) &&
    typeof p.text === 'string' &&
    (p.lang === undefined || (typeof p.lang === 'string' && p.lang.length <= L.langChars)) &&
    (typeof p.createdAt === 'string' ? p.createdAt.length >= 1 : Number.isFinite(p.createdAt)) &&
    (p.authorKey === undefined ||
      (typeof p.authorKey === 'string'
        ? p.authorKey.length >= 1 && p.authorKey.length <= L.authorKeyChars
        : Number.isFinite(p.authorKey))) &&
    (p.url === undefined || (typeof p.url === 'string' && p.url.length <= L.urlChars)) &&
    (p.tags === undefined || plainTags(p.tags));
  return ok ? (p as PostInput) : null;
}

function isCount(n: unknown): boolean {
  return Number.isInteger(n) && (n as number) >= 0;
}

function plainTags(tags: unknown): boolean {
  if (!Array.isArray(tags) || tags.length > L.tags) return false;
  for (const t of tags) if (typeof t !== 'string' || t.length > L.tagChars) return false;
  return true;
}
