import { type Mapped, type Mapper, isObject, parseJson, post, reject, str } from './mapped';

/**
 * One line of the X API v2 filtered stream: `{data: {id, text, author_id?, created_at?,
 * lang?}, matching_rules}`. Keep-alive lines are blank and never reach the mapper.
 */
export const xStreamLine: Mapper<string> = {
  platform: 'x',
  version: 'x1',
  map(line: string): Mapped[] {
    const json = parseJson(line);
    if (!isObject(json)) return [reject('unmappable', 'line: not a JSON object')];
    if (!isObject(json.data)) {
      return [reject(json.errors ? 'not_a_post' : 'unmappable', json.errors ? 'stream error message' : 'data missing')];
    }
    const d = json.data;
    const id = str(d.id);
    if (!id || typeof d.text !== 'string') return [reject('unmappable', 'data: id or text missing')];
    const tags = Array.isArray(json.matching_rules)
      ? json.matching_rules.flatMap((r) => (isObject(r) && typeof r.tag === 'string' ? [r.tag.slice(0, 100)] : []))
      : [];
    return [
      post({
        id,
        source: 'x',
        text: d.text,
        // Without created_at (no tweet.fields requested) the time of arrival stands in.
        createdAt: str(d.created_at) ?? new Date().toISOString(),
        ...(str(d.lang) ? { lang: String(d.lang).slice(0, 16) } : {}),
        ...(str(d.author_id) ? { authorKey: String(d.author_id) } : {}),
        tags: tags.slice(0, 50),
      }),
    ];
  },
};
