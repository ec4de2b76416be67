import { readFileSync } from 'node:fs';

/**
 * A Lua script from a `.lua` file beside the code that runs it (issue 21: scripts in files of
 * their own, not template strings). A line `--@include <part>` is replaced by that part's
 * text (Lua shared by several scripts). Read once, when the module loads.
 */
export function readLua(url: URL, parts: Readonly<Record<string, string>> = {}): string {
  const text = readFileSync(url, 'utf8');
  return text.replace(/^--@include (\S+)$/gm, (_, part: string) => {
    const body = parts[part];
    if (body === undefined) throw new Error(`lua: ${url.pathname} includes unknown part ${part}`);
    return body;
  });
}
