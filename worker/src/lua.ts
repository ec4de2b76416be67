import { readFileSync } from 'node:fs';

/**
 * A Lua script of `worker/src/lua/<name>.lua` (issue 21: scripts in files of their own,
 * not template strings). A line `--@include <part>` is replaced by that part's text (Lua
 * shared by several scripts, e.g. the vocabulary's). Read once per process.
 */
export function luaScript(name: string, parts: Readonly<Record<string, string>> = {}): string {
  const text = readFileSync(new URL(`./lua/${name}.lua`, import.meta.url), 'utf8');
  return text.replace(/^--@include (\S+)$/gm, (_, part: string) => {
    const body = parts[part];
    if (body === undefined) throw new Error(`lua: ${name}.lua includes unknown part ${part}`);
    return body;
  });
}
