/** Lowercased word tokens (letters, digits, inner apostrophes and hyphens split off). */
const WORD = /[\p{L}\p{N}]+/gu;

export function tokenise(text: string): string[] {
  return text.toLowerCase().replace(/[’`]/g, "'").match(WORD) ?? [];
}
