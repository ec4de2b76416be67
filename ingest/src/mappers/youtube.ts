import { type Mapped, type Mapper, isObject, post, reject, str } from './mapped';

/** A commentThreads.list page of one channel or video, with the time (ms) up to which comments were taken before. */
export type YoutubePage = { page: unknown; since?: number | null };

const time = (v: unknown) => (typeof v === 'string' ? Date.parse(v) : Number.NaN);

/** One `youtube#comment` (a thread's top-level comment or a reply) as a post, or a reject. */
function comment(c: unknown): Mapped {
  if (!isObject(c) || !isObject(c.snippet)) return reject('unmappable', 'comment: snippet missing');
  const s = c.snippet;
  const id = str(c.id);
  const text = typeof s.textDisplay === 'string' ? s.textDisplay : s.textOriginal;
  if (!id || typeof text !== 'string' || !str(s.publishedAt)) {
    return reject('unmappable', 'comment: id, textDisplay or publishedAt missing');
  }
  const author = isObject(s.authorChannelId) ? str(s.authorChannelId.value) : undefined;
  const tags = [...text.matchAll(/(?:^|\s)#([\p{L}\p{N}_]{1,100})/gu)].map((m) => (m[1] as string).toLowerCase());
  return post({
    id,
    source: 'youtube',
    text,
    createdAt: String(s.publishedAt),
    ...(author ? { authorKey: author } : {}),
    tags: [...new Set(tags)].slice(0, 50),
  });
}

/** When a comment was posted (ms), or NaN. */
export function commentTime(c: unknown): number {
  return isObject(c) && isObject(c.snippet) ? time(c.snippet.publishedAt) : Number.NaN;
}

/** The comments of a page: each thread's top-level comment and the replies it carries. */
export function pageComments(page: unknown): unknown[] {
  if (!isObject(page) || !Array.isArray(page.items)) return [];
  return page.items.flatMap((t) => {
    if (!isObject(t) || !isObject(t.snippet)) return [undefined];
    const replies = isObject(t.replies) && Array.isArray(t.replies.comments) ? t.replies.comments : [];
    return [t.snippet.topLevelComment, ...replies];
  });
}

/**
 * A YouTube Data API v3 `commentThreads.list` page (`part=snippet,replies`,
 * `textFormat=plainText`): every top-level comment and every reply the thread carries
 * becomes a post — id = the comment id, author = the commenter's channel id, time =
 * `publishedAt` — unless it was posted before `since` (taken by an earlier poll; times are
 * whole seconds, so those of that very second come again and are dropped as duplicates).
 */
export const youtubeCommentPage: Mapper<YoutubePage> = {
  platform: 'youtube',
  version: 'yt1',
  map({ page, since }: YoutubePage): Mapped[] {
    if (!isObject(page) || !Array.isArray(page.items)) return [reject('unmappable', 'page: items missing')];
    return pageComments(page)
      .filter((c) => since == null || !(commentTime(c) < since))
      .map(comment);
  },
};
