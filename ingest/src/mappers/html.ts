import { Parser } from 'htmlparser2';

const BLOCK = new Set(['p', 'br', 'div', 'li', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'tr']);
const SKIP = new Set(['script', 'style']);

/**
 * HTML (Mastodon `content`, RSS descriptions) → plain text with a real HTML parser:
 * entities decoded, block elements as line breaks, scripts and styles dropped. Mastodon's
 * `invisible` spans are kept: they complete the shortened URLs (which the analysis
 * scrubs anyway).
 */
export function htmlToText(html: string): string {
  let out = '';
  let skipping = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIP.has(name)) skipping++;
        else if (BLOCK.has(name)) out += '\n';
      },
      ontext(text) {
        if (skipping === 0) out += text;
      },
      onclosetag(name) {
        if (SKIP.has(name)) skipping = Math.max(0, skipping - 1);
        else if (BLOCK.has(name) && name !== 'br') out += '\n'; // <br/> is one line break, not two
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return out
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
