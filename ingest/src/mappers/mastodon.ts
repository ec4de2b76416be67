import { htmlToText } from './html';
import { type Mapped, type Mapper, isObject, parseJson, post, reject, str } from './mapped';

const PUBLIC = new Set(['public', 'unlisted']);

/**
 * A Mastodon Status entity (REST, or the payload of a streaming `update` /
 * `status.update`). Id = the status `uri` (global across instances); a boost maps to the
 * boosted status; the content warning is kept in front of the text; `language` only as a
 * hint (often wrong).
 */
export const mastodonStatus: Mapper = {
  platform: 'mastodon',
  version: 'm1',
  map(payload: unknown): Mapped[] {
    if (!isObject(payload)) return [reject('unmappable', 'status: not an object')];
    const s = isObject(payload.reblog) ? payload.reblog : payload;
    const uri = str(s.uri);
    const created = str(s.created_at);
    if (!uri || !created || typeof s.content !== 'string') {
      return [reject('unmappable', 'status: uri, created_at or content missing')];
    }
    if (!PUBLIC.has(String(s.visibility ?? 'public')))
      return [reject('not_public', `visibility ${String(s.visibility)}`)];
    const account = isObject(s.account) ? s.account : {};
    const cw = str(s.spoiler_text);
    const text = [cw, htmlToText(s.content)].filter(Boolean).join('\n');
    const tags = Array.isArray(s.tags)
      ? s.tags.flatMap((t) => (isObject(t) && typeof t.name === 'string' ? [t.name.toLowerCase()] : [])).slice(0, 50)
      : [];
    return [
      post({
        id: uri,
        source: 'mastodon',
        text,
        createdAt: created,
        ...(str(s.language) ? { lang: String(s.language).slice(0, 16) } : {}),
        ...(str(account.uri) || str(account.url) ? { authorKey: String(account.uri ?? account.url) } : {}),
        ...(str(s.url) ? { url: String(s.url).slice(0, 2048) } : {}),
        tags,
      }),
    ];
  },
};

/** A streaming event (SSE `event:` + `data:`, or a WebSocket frame's `event` + `payload`). */
export function mapMastodonEvent(event: string, data: string): Mapped[] {
  if (event === 'delete') return [reject('deleted', 'status deleted')];
  if (event !== 'update' && event !== 'status.update') return [reject('not_a_post', `event ${event.slice(0, 40)}`)];
  const json = parseJson(data);
  return json === undefined ? [reject('unmappable', 'data: not JSON')] : mastodonStatus.map(json);
}

/** A WebSocket frame: `{stream, event, payload}` where `payload` is JSON inside a string. */
export function mapMastodonFrame(frame: string): Mapped[] {
  const json = parseJson(frame);
  if (json === undefined) return [reject('unmappable', 'frame: not JSON')];
  if (!isObject(json) || typeof json.event !== 'string' || typeof json.payload !== 'string') {
    return [reject('unmappable', 'frame: event or payload missing')];
  }
  return mapMastodonEvent(json.event, json.payload);
}
