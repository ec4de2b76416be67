import { DROP_REASONS, LANGS, REJECT_REASONS, STANCES, TARGET_IDS, THEME_IDS, TONES } from '@trendwacht/shared';

/**
 * Words and adjacent pairs that fewer than k distinct authors used: they identify their
 * author (a name one person keeps writing, a turn of phrase) and must never rest in plain
 * text. The audit counts authors the way the product does: by author id per source;
 * posts without one count as a single author of their source (the fewest authors, so
 * the most words are checked).
 */
export type RareVocabulary = {
  k: number;
  /** Word or "word word" → the id of one post that used it, and how many authors did. */
  terms: Map<string, { postId: string; authors: number }>;
};

type AuditPost = { id: unknown; text?: unknown; authorKey?: unknown; source?: unknown };

/** Shorter words are too likely to be part of the system's own structure (`src`, `neg`). */
const MIN_LETTERS = 4;
const WORD = /[\p{L}\p{N}]+/gu;
const LETTERS = /^\p{L}+$/u;

/**
 * Words the system writes itself whatever the posts say (key segments, field names,
 * BullMQ's own vocabulary, enumerations). A post using one of them does not make its
 * presence a leak. Kept short on purpose: every entry is a word the audit cannot see.
 */
const STRUCTURE = new Set<string>([
  ...THEME_IDS,
  ...TARGET_IDS,
  ...STANCES,
  ...LANGS,
  ...TONES,
  ...DROP_REASONS.flatMap((r) => r.split('_')),
  ...REJECT_REASONS.flatMap((r) => r.split('_')),
  ...['minute', 'hour', 'posts', 'batches', 'toxic', 'hateful', 'target', 'stance', 'theme', 'first', 'last'],
  ...['parent', 'merged', 'mergedinto', 'terms', 'events', 'stats', 'alerts', 'settings', 'sources', 'config'],
  ...['batch', 'batches', 'meta', 'wait', 'active', 'completed', 'failed', 'delayed', 'paused', 'prioritized'],
  ...['stalled', 'marker', 'limiter', 'data', 'opts', 'name', 'timestamp', 'attempts', 'notify', 'status'],
  ...['open', 'closed', 'severity', 'high', 'medium', 'kind', 'score', 'ratio', 'expected', 'observed'],
  ...['audit', 'head', 'base', 'tenants', 'users', 'user', 'members', 'tokens', 'session', 'vocab', 'seen'],
  // Local relevance (settings keys, the stats of irrelevant posts and of shared streams).
  ...['irrelevant', 'gazetteer', 'municipality', 'deelgemeente', 'street', 'square', 'landmark', 'postcode'],
  ...['hashtag', 'localsources', 'streams', 'folds', 'repeats'],
]);

const wordsOf = (text: string) => (text.toLowerCase().normalize('NFC').match(WORD) ?? []) as string[];
const checked = (w: string) => w.length >= MIN_LETTERS && LETTERS.test(w) && !STRUCTURE.has(w);

export function rareVocabulary(posts: Iterable<AuditPost>, k: number, allow: Iterable<string> = []): RareVocabulary {
  const authors = new Map<string, { postId: string; who: Set<string> }>();
  const allowed = new Set([...allow].flatMap((a) => wordsOf(a)));
  const note = (term: string, who: string, postId: string) => {
    let e = authors.get(term);
    if (!e) {
      e = { postId, who: new Set() };
      authors.set(term, e);
    }
    e.who.add(who);
  };
  for (const p of posts) {
    if (typeof p.text !== 'string') continue;
    const source = String(p.source ?? '');
    const who = p.authorKey !== undefined && p.authorKey !== null ? `${source}\u0000${p.authorKey}` : source;
    const w = wordsOf(p.text);
    for (let i = 0; i < w.length; i++) {
      const a = w[i] as string;
      if (!checked(a) || allowed.has(a)) continue;
      note(a, who, String(p.id));
      const b = w[i + 1];
      if (b !== undefined && checked(b) && !allowed.has(b)) note(`${a} ${b}`, who, String(p.id));
    }
  }
  const terms = new Map<string, { postId: string; authors: number }>();
  for (const [term, e] of authors) if (e.who.size < k) terms.set(term, { postId: e.postId, authors: e.who.size });
  return { k, terms };
}

export type RareFinding = { kind: 'rare-word' | 'rare-pair'; postId: string; authors: number; where: string };

/**
 * Every rare word of the vocabulary in a blob, and every rare pair written as one string
 * ("a b", one space: how a term pair is stored; JSON and Redis dumps put other
 * characters between separate values).
 */
export function searchRare(blob: string, where: string, v: RareVocabulary, out: RareFinding[]): void {
  if (v.terms.size === 0) return;
  const seen = new Set<string>();
  let prev: { word: string; end: number } | null = null;
  const low = blob.toLowerCase().normalize('NFC');
  for (const m of low.matchAll(WORD)) {
    const word = m[0];
    const hit = v.terms.get(word);
    if (hit && !seen.has(word)) {
      seen.add(word);
      out.push({ kind: 'rare-word', postId: hit.postId, authors: hit.authors, where });
    }
    if (prev && m.index === prev.end + 1 && low[prev.end] === ' ') {
      const pair = `${prev.word} ${word}`;
      const p = v.terms.get(pair);
      if (p && !seen.has(pair)) {
        seen.add(pair);
        out.push({ kind: 'rare-pair', postId: p.postId, authors: p.authors, where });
      }
    }
    prev = { word, end: m.index + word.length };
  }
}
