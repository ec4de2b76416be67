import { readLua } from '@trendwacht/shared/node';

/** A Lua script of `worker/src/lua/<name>.lua`, with its `--@include` parts (see readLua). */
export function luaScript(name: string, parts: Readonly<Record<string, string>> = {}): string {
  return readLua(new URL(`./lua/${name}.lua`, import.meta.url), parts);
}
