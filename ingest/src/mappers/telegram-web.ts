import { DomUtils, parseDocument } from 'htmlparser2';
import { htmlToText } from './html';
import { type Mapped, type Mapper, post, reject } from './mapped';

/** A page of a public channel's web preview (`https://t.me/s/<channel>`), as fetched; messages up to `after` are skipped. */
export type TelegramWebPage = { channel: string; html: string; after?: number | null };

type AnyNode = ReturnType<typeof parseDocument>['children'][number];
type Element = Extract<AnyNode, { attribs: Record<string, string> }>;

const hasClass = (el: Element, name: string) => (el.attribs.class ?? '').split(/\s+/).includes(name);
const isElement = (n: AnyNode): n is Element => n.type === 'tag' || n.type === 'script' || n.type === 'style';

/** The first element under `root` with this class, not inside one of `outside` (a quoted reply, a link preview). */
function findClass(root: Element, name: string, outside: readonly string[] = []): Element | null {
  const stack: AnyNode[] = [...root.children].reverse();
  while (stack.length > 0) {
    const n = stack.pop() as AnyNode;
    if (!isElement(n)) continue;
    if (hasClass(n, name)) return n;
    if (outside.some((c) => hasClass(n, c))) continue;
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i] as AnyNode);
  }
  return null;
}

/** The post number of a message's `data-post` (`<channel>/<n>`), or null. */
export function postNumber(dataPost: string | undefined): number | null {
  const n = Number(/\/(\d{1,12})$/.exec(dataPost ?? '')?.[1]);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

/** Every message of a page with its post number, oldest first as the page shows them. */
export function pageMessages(html: string): { n: number; el: Element }[] {
  const doc = parseDocument(html, { decodeEntities: true });
  const out: { n: number; el: Element }[] = [];
  for (const el of DomUtils.findAll(
    (e) => hasClass(e, 'tgme_widget_message') && !!e.attribs['data-post'],
    doc.children,
  )) {
    const n = postNumber(el.attribs['data-post']);
    if (n !== null) out.push({ n, el });
  }
  return out;
}

const QUOTED = ['tgme_widget_message_reply', 'tgme_widget_message_link_preview', 'tgme_widget_message_poll'];

/**
 * A public channel's web preview page: each message (`.tgme_widget_message[data-post]`)
 * becomes a post — id `<channel>/<n>`, text from its own `.tgme_widget_message_text` (not
 * the quoted text of a reply or a link preview), time from `time[datetime]`, hashtags from
 * the text. The channel speaks for all its posts, so it is the author (k counts channels
 * there, not readers). Service messages and media without a caption are not posts; a
 * message whose markup lacks a time is unmappable (the page's format changed), never a
 * guess. Parsed with a real HTML parser: attribute order, extra classes, entities and
 * nesting do not matter.
 */
export const telegramWebPage: Mapper<TelegramWebPage> = {
  platform: 'telegram',
  version: 'tw1',
  map({ channel, html, after }: TelegramWebPage): Mapped[] {
    const name = channel.toLowerCase();
    const fresh = pageMessages(html).filter(({ n }) => after == null || n > after);
    return fresh.map(({ n, el }) => {
      if (hasClass(el, 'service_message')) return reject('not_a_post', 'service message');
      const time = DomUtils.findOne((e) => e.name === 'time' && !!e.attribs.datetime, el.children);
      const createdAt = time?.attribs.datetime;
      if (!createdAt || Number.isNaN(Date.parse(createdAt))) return reject('unmappable', 'message: time missing');
      const body = findClass(el, 'tgme_widget_message_text', QUOTED);
      const text = body ? htmlToText(DomUtils.getInnerHTML(body)) : '';
      if (!text) return reject('not_a_post', 'message without text');
      const tags = [...text.matchAll(/(?:^|\s)#([\p{L}\p{N}_]{1,100})/gu)].map((m) => (m[1] as string).toLowerCase());
      return post({
        id: `${name}/${n}`,
        source: 'telegram',
        text,
        createdAt,
        authorKey: `channel:${name}`,
        tags: [...new Set(tags)].slice(0, 50),
      });
    });
  },
};
