import { XMLParser } from 'fast-xml-parser';
import { htmlToText } from './html';
import { type Mapped, type Mapper, isObject, post, reject } from './mapped';

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  processEntities: true,
  htmlEntities: true,
  // Never expand entities declared in the document (billion laughs).
  ignoreDeclaration: true,
  ignorePiTags: true,
});

const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
/** A text node: a string, or an element object with `#text`. */
function text(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (isObject(v) && (typeof v['#text'] === 'string' || typeof v['#text'] === 'number')) return String(v['#text']);
  return undefined;
}

type Item = {
  id?: string;
  title?: string;
  body?: string;
  date?: string;
  author?: string;
  link?: string;
  tags: string[];
};

function rssItem(i: Record<string, unknown>): Item {
  const link = text(i.link);
  return {
    id: text(i.guid) ?? (typeof i['@rdf:about'] === 'string' ? i['@rdf:about'] : undefined) ?? link,
    title: text(i.title),
    body: text(i['content:encoded']) ?? text(i.description),
    date: text(i.pubDate) ?? text(i['dc:date']),
    author: text(i['dc:creator']) ?? text(i.author),
    link,
    tags: list(i.category).flatMap((c) => (text(c) ? [String(text(c)).toLowerCase()] : [])),
  };
}

function atomEntry(e: Record<string, unknown>): Item {
  const author = list(e.author)[0];
  const links = list(e.link).filter(isObject);
  const href = links.find((l) => l['@rel'] === undefined || l['@rel'] === 'alternate')?.['@href'];
  return {
    id: text(e.id),
    title: text(e.title),
    body: text(e.content) ?? text(e.summary),
    // Atom 1.0 (published, updated) or Atom 0.3 (issued, modified, created).
    date:
      text(e.published) ??
      text(e.updated) ??
      text(e.issued) ??
      text(e.modified) ??
      text(e.created) ??
      text(e['dc:date']),
    author: isObject(author) ? (text(author.uri) ?? text(author.name)) : undefined,
    link: typeof href === 'string' ? href : undefined,
    tags: list(e.category).flatMap((c) =>
      isObject(c) && typeof c['@term'] === 'string' ? [c['@term'].toLowerCase()] : [],
    ),
  };
}

/**
 * RSS 2.0, RSS 1.0 (RDF) and Atom feeds. Id = guid / rdf:about / atom:id (or the link);
 * text = title + the description or content as text; time = pubDate / dc:date /
 * published (or updated).
 */
export const feedDocument: Mapper<string> = {
  platform: 'feed',
  version: 'f1',
  map(doc: string): Mapped[] {
    const tree: unknown = xml.parse(doc);
    if (!isObject(tree)) return [reject('unmappable', 'not XML')];
    let items: Item[];
    const rss = tree.rss;
    const rdf = tree['rdf:RDF'];
    if (isObject(rss) && isObject(rss.channel)) items = list(rss.channel.item).filter(isObject).map(rssItem);
    else if (isObject(rdf)) items = list(rdf.item).filter(isObject).map(rssItem);
    else if (isObject(tree.feed)) items = list(tree.feed.entry).filter(isObject).map(atomEntry);
    else return [reject('unmappable', 'neither RSS nor Atom')];
    return items.map((it): Mapped => {
      const body = [it.title, it.body ? htmlToText(it.body) : undefined].filter(Boolean).join('\n');
      if (!it.id || !it.date || !body) return reject('unmappable', 'item: id, date or text missing');
      return post({
        id: it.id.slice(0, 256),
        source: 'feed',
        text: body,
        createdAt: it.date,
        ...(it.author ? { authorKey: it.author.slice(0, 256) } : {}),
        ...(it.link ? { url: it.link.slice(0, 2048) } : {}),
        tags: it.tags.slice(0, 50).map((t) => t.slice(0, 100)),
      });
    });
  },
};
