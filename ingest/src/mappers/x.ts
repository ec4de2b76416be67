import { type Mapped, type Mapper, isObject, parseJson, post, reject, str } from './mapped';

/** Hashtags of a post's `entities` (or its note's): `{hashtags: [{tag}]}`. */
function hashtags(entities: unknown): string[] {
  if (!isObject(entities) || !Array.isArray(entities.hashtags)) return [];
  return entities.hashtags.flatMap((h) => (isObject(h) && typeof h.tag === 'string' ? [h.tag.toLowerCase()] : []));
}

/**
 * One line of the X API v2 filtered stream: `{data: {id, text, author_id?, created_at?,
 * lang?, note_tweet?}, matching_rules}`. A long post (over 280 characters) comes with a
 * truncated `text` and its whole text in `note_tweet.text` (asked for with
 * `tweet.fields=note_tweet`): the note's text is the post. Keep-alive lines are blank and
 * never reach the mapper.
 */
export const xStreamLine: Mapper<string> = {
  platform: 'x',
  version: 'x2',
  map(line: string): Mapped[] {
    const json = parseJson(line);
    if (!isObject(json)) return [reject('unmappable', 'line: not a JSON object')];
    if (!isObject(json.data)) {
      return [reject(json.errors ? 'not_a_post' : 'unmappable', json.errors ? 'stream error message' : 'data missing')];
    }
    const d = json.data;
    const id = str(d.id);
    if (!id || typeof d.text !== 'string') return [reject('unmappable', 'data: id or text missing')];
    const note = isObject(d.note_tweet) && typeof d.note_tweet.text === 'string' ? d.note_tweet : null;
    const rules = Array.isArray(json.matching_rules)
      ? json.matching_rules.flatMap((r) => (isObject(r) && typeof r.tag === 'string' ? [r.tag] : []))
      : [];
    const tags = [...new Set([...rules, ...hashtags(note ? note.entities : d.entities)])].map((t) => t.slice(0, 100));
    return [
      post({
        id,
        source: 'x',
        text: note ? (note.text as string) : d.text,
        // Without created_at (no tweet.fields requested) the time of arrival stands in.
        createdAt: str(d.created_at) ?? new Date().toISOString(),
        ...(str(d.lang) ? { lang: String(d.lang).slice(0, 16) } : {}),
        ...(str(d.author_id) ? { authorKey: String(d.author_id) } : {}),
        tags: tags.slice(0, 50),
      }),
    ];
  },
};
