import type { PostInput } from '@trendwacht/shared';

/** Lower case, accents off (`Schaarbeek`, `schaerbeek`; `Liège`, `liege`), so a listed word matches its spellings. */
export function foldText(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

/**
 * An ingest-side filter for broad streams (the Bluesky firehose): a post passes when its
 * text or tags hold one of the listed keywords — place names, postcodes, hashtags, phrases —
 * as whole words (a phrase as consecutive words), case and accents ignored. An empty list
 * passes everything. Cheap: one pass over the words, a Set lookup each; phrases by their
 * first word. Not the tenant's relevance decision (the worker's gazetteer makes that):
 * only what cannot concern any listed place is left out before it is queued.
 */
export class KeywordFilter {
  private readonly single = new Set<string>();
  private readonly phrases = new Map<string, string[][]>();

  constructor(keywords: readonly string[]) {
    for (const k of keywords) {
      const words = foldText(k.replace(/^#/, '')).match(WORD) ?? [];
      const [first, ...rest] = words;
      if (!first) continue;
      if (rest.length === 0) this.single.add(first);
      else this.phrases.set(first, [...(this.phrases.get(first) ?? []), rest]);
    }
  }

  get empty(): boolean {
    return this.single.size === 0 && this.phrases.size === 0;
  }

  passes(post: Pick<PostInput, 'text' | 'tags'>): boolean {
    if (this.empty) return true;
    for (const t of post.tags ?? []) if (this.single.has(foldText(t))) return true;
    const words = foldText(post.text).match(WORD) ?? [];
    for (let i = 0; i < words.length; i++) {
      const w = words[i] as string;
      if (this.single.has(w)) return true;
      if (w.includes('-') && w.split('-').some((part) => this.single.has(part))) return true;
      for (const rest of this.phrases.get(w) ?? []) {
        if (rest.every((r, j) => words[i + 1 + j] === r)) return true;
      }
    }
    return false;
  }
}
