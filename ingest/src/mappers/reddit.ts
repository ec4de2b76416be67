import { type Mapped, type Mapper, isObject, post, reject, str } from './mapped';

/**
 * A Reddit listing (`/r/<sub>/new.json?raw_json=1`): links (t3: title + selftext) and
 * comments (t1: body). Id = the fullname (`t3_…`); author = `author_fullname`.
 */
export const redditListing: Mapper = {
  platform: 'reddit',
  version: 'r1',
  map(doc: unknown): Mapped[] {
    if (!isObject(doc) || doc.kind !== 'Listing' || !isObject(doc.data) || !Array.isArray(doc.data.children)) {
      return [reject('unmappable', 'not a Listing')];
    }
    return doc.data.children.map((child): Mapped => {
      if (!isObject(child) || !isObject(child.data)) return reject('unmappable', 'child: data missing');
      const d = child.data;
      const name = str(d.name);
      const created = Number(d.created_utc);
      if (!name || !Number.isFinite(created)) return reject('unmappable', 'child: name or created_utc missing');
      let text: string | undefined;
      if (child.kind === 't3') text = [str(d.title), str(d.selftext)].filter(Boolean).join('\n');
      else if (child.kind === 't1') text = str(d.body);
      else return reject('not_a_post', `kind ${String(child.kind).slice(0, 10)}`);
      if (text === undefined) return reject('unmappable', 'child: text missing');
      if (d.removed_by_category || text === '[removed]' || text === '[deleted]') return reject('deleted', 'removed');
      return post({
        id: name,
        source: 'reddit',
        text,
        createdAt: created * 1000,
        ...(str(d.author_fullname) ? { authorKey: String(d.author_fullname) } : {}),
        ...(str(d.permalink) ? { url: `https://www.reddit.com${String(d.permalink)}`.slice(0, 2048) } : {}),
        tags: str(d.subreddit) ? [String(d.subreddit).toLowerCase()] : [],
      });
    });
  },
};

/** The newest fullname of a listing (for the next `before=`). */
export function redditNewest(doc: unknown): string | undefined {
  if (!isObject(doc) || !isObject(doc.data) || !Array.isArray(doc.data.children)) return undefined;
  const first = doc.data.children[0];
  return isObject(first) && isObject(first.data) ? str(first.data.name) : undefined;
}
