import { type Mapped, type Mapper, isObject, post, reject, str } from './mapped';

const POST = 'app.bsky.feed.post';

/** Hashtags from a post record's facets (`app.bsky.richtext.facet#tag`). */
function facetTags(record: Record<string, unknown>): string[] {
  if (!Array.isArray(record.facets)) return [];
  const tags: string[] = [];
  for (const f of record.facets) {
    if (!isObject(f) || !Array.isArray(f.features)) continue;
    for (const feat of f.features) {
      if (isObject(feat) && feat.$type === 'app.bsky.richtext.facet#tag' && typeof feat.tag === 'string') {
        tags.push(feat.tag.toLowerCase().slice(0, 100));
      }
    }
  }
  return tags.slice(0, 50);
}

/**
 * A Bluesky Jetstream event. Creates of `app.bsky.feed.post` become posts (id = the
 * record's at:// URI, author = the DID); deletes are tombstones; identity and account
 * events, likes, follows… are not posts.
 */
export const jetstreamEvent: Mapper = {
  platform: 'bluesky',
  version: 'j1',
  map(e: unknown): Mapped[] {
    if (!isObject(e) || typeof e.kind !== 'string') return [reject('unmappable', 'event: kind missing')];
    if (e.kind !== 'commit') return [reject('not_a_post', `kind ${e.kind.slice(0, 20)}`)];
    const c = e.commit;
    const did = str(e.did);
    if (!isObject(c) || !did) return [reject('unmappable', 'commit or did missing')];
    if (c.collection !== POST) return [reject('not_a_post', `collection ${String(c.collection).slice(0, 60)}`)];
    if (c.operation === 'delete') return [reject('deleted', 'post deleted')];
    if (c.operation !== 'create' && c.operation !== 'update') return [reject('unmappable', 'unknown operation')];
    const r = c.record;
    const rkey = str(c.rkey);
    if (!isObject(r) || typeof r.text !== 'string' || !str(r.createdAt) || !rkey) {
      return [reject('unmappable', 'record: text, createdAt or rkey missing')];
    }
    const langs = Array.isArray(r.langs) ? r.langs.filter((l): l is string => typeof l === 'string') : [];
    return [
      post({
        id: `at://${did}/${POST}/${rkey}`,
        source: 'bluesky',
        text: r.text,
        createdAt: String(r.createdAt),
        ...(langs[0] ? { lang: langs[0].slice(0, 16) } : {}),
        authorKey: did,
        tags: facetTags(r),
      }),
    ];
  },
};
