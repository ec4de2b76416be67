import { MAX_TEXT_CHARS, type Post, type PostInput, PostInputSchema, type RejectReason } from '@trendwacht/shared';
import { plainPostInput } from './plain-input';

export type Normalised = { ok: true; post: Post } | { ok: false; reason: RejectReason; detail: string };

const EARLIEST = Date.parse('2000-01-01T00:00:00Z');
const FUTURE_SLACK_MS = 24 * 3_600_000;

/**
 * Validate one raw item at the edge. A reject names what was wrong (a field, a rule) and
 * never quotes the item: reject details end up in logs and counters.
 */
export function normalisePostInput(raw: unknown, defaultSource: string, now = Date.now()): Normalised {
  let value = raw;
  if (typeof raw === 'string' || Buffer.isBuffer(raw)) {
    const line = raw.toString();
    if (line.includes('\uFFFD') || line.includes('\u0000')) {
      return reject('bad_encoding', 'line is not valid UTF-8 text');
    }
    try {
      value = JSON.parse(line);
    } catch {
      return reject('invalid_json', 'line is not valid JSON');
    }
  }
  const plain = plainPostInput(value);
  if (plain) return normalise(plain, defaultSource, now);
  const parsed = PostInputSchema.safeParse(value);
  return parsed.success ? normalise(parsed.data, defaultSource, now) : shapeReject(parsed.error.issues[0]);
}

function shapeReject(issue: { path: (string | number)[]; code: string; message: string } | undefined): Normalised {
  const field = issue?.path.join('.') || '(root)';
  if (field === 'text' && issue?.code === 'too_big')
    return reject('text_too_long', `text: longer than ${MAX_TEXT_CHARS} characters`);
  return reject('invalid_shape', `${field}: ${issue?.message ?? 'invalid'}`);
}

/** A valid input to a post, or the rule it breaks. */
function normalise(p: PostInput, defaultSource: string, now: number): Normalised {
  const text = p.text.trim();
  if (text.length === 0) return reject('text_empty', 'text: empty');
  if (text.length > MAX_TEXT_CHARS) return reject('text_too_long', `text: longer than ${MAX_TEXT_CHARS} characters`);
  if (text.includes('\uFFFD') || text.includes('\u0000')) return reject('bad_encoding', 'text: not valid UTF-8 text');
  const createdAt = toEpochMs(p.createdAt);
  if (createdAt === null) return reject('bad_date', 'createdAt: not an ISO 8601 date or epoch number');
  if (createdAt < EARLIEST || createdAt > now + FUTURE_SLACK_MS) {
    return reject('bad_date', 'createdAt: before 2000 or more than a day in the future');
  }
  const source = p.source ?? defaultSource;
  // Its own copy of the tags: the item may be the caller's object (plain-input.ts).
  const post: Post = { id: `${source}:${p.id}`, source, text, createdAt, tags: p.tags ? p.tags.slice() : [] };
  if (p.lang) post.lang = p.lang;
  if (p.authorKey !== undefined) post.authorKey = String(p.authorKey);
  if (p.url) post.url = p.url;
  return { ok: true, post };
}

function toEpochMs(v: string | number): number | null {
  if (typeof v === 'number') return Math.round(v < 1e12 ? v * 1000 : v);
  if (/^\d+(\.\d+)?$/.test(v)) return toEpochMs(Number(v));
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? null : ms;
}

function reject(reason: RejectReason, detail: string): Normalised {
  return { ok: false, reason, detail };
}
