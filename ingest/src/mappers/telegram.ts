import { type Mapped, type Mapper, isObject, post, reject, str } from './mapped';

/**
 * Telegram Desktop exports may hold `\xHH` escapes, which JSON does not allow: turn each
 * into `\u00HH` before parsing.
 */
export function repairTelegramJson(text: string): string {
  return text.replace(/(^|[^\\])((?:\\\\)*)\\x([0-9a-fA-F]{2})/g, '$1$2\\u00$3');
}

/** `text` as a string, or an array of strings and entity objects with a `text`. */
function messageText(m: Record<string, unknown>): string | undefined {
  const parts = Array.isArray(m.text_entities) && m.text_entities.length > 0 ? m.text_entities : m.text;
  if (typeof parts === 'string') return parts;
  if (!Array.isArray(parts)) return undefined;
  return parts
    .map((p) => (typeof p === 'string' ? p : isObject(p) && typeof p.text === 'string' ? p.text : ''))
    .join('');
}

/**
 * A Telegram Desktop JSON export (`result.json`, one chat, or `chats.list` of several).
 * Id = chat id + message id (re-imports deduplicate); time from `date_unixtime` (`date`
 * has no offset; used, as UTC, only by old exports without it); author = `from_id`;
 * service messages are not posts.
 */
export const telegramExport: Mapper = {
  platform: 'telegram',
  version: 't1',
  map(doc: unknown): Mapped[] {
    if (!isObject(doc)) return [reject('unmappable', 'export: not an object')];
    const chats = isObject(doc.chats) && Array.isArray(doc.chats.list) ? doc.chats.list : [doc];
    const out: Mapped[] = [];
    for (const chat of chats) {
      if (!isObject(chat) || !Array.isArray(chat.messages)) {
        out.push(reject('unmappable', 'chat: messages missing'));
        continue;
      }
      const chatId = String(chat.id ?? 'chat');
      for (const m of chat.messages) {
        if (!isObject(m)) {
          out.push(reject('unmappable', 'message: not an object'));
          continue;
        }
        if (m.type !== 'message') {
          out.push(reject('not_a_post', `message type ${String(m.type).slice(0, 20)}`));
          continue;
        }
        const text = messageText(m);
        // Older exports have only `date`, local time without offset: read as UTC (± a few hours).
        const seconds =
          m.date_unixtime !== undefined ? Number(m.date_unixtime) : Date.parse(`${String(m.date)}Z`) / 1000;
        if (text === undefined || !Number.isFinite(seconds) || m.id === undefined) {
          out.push(reject('unmappable', 'message: id, text or date missing'));
          continue;
        }
        out.push(
          post({
            id: `${chatId}:${String(m.id)}`,
            source: 'telegram',
            text,
            createdAt: seconds * 1000,
            ...(str(m.from_id) ? { authorKey: String(m.from_id) } : {}),
            tags: [],
          }),
        );
      }
    }
    return out;
  },
};
