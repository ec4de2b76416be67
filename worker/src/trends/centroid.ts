import type { TermHash } from '../authors';

/**
 * A narrative's centroid: its words with summed counts (a word of fewer than k authors
 * under its keyed hash, `#<hash>`), and how alike a post's words or another centroid are
 * to it (cosine). Pure arithmetic; narratives.ts reads and writes centroids in Redis.
 */
export type Centroid = { id: string; weights: Map<string, number>; norm: number };

export function centroidOf(id: string, weights: Map<string, number>): Centroid {
  let sq = 0;
  for (const v of weights.values()) sq += v * v;
  return { id, weights, norm: Math.sqrt(sq) };
}

/** A word's weight in a centroid: under its plain form, or its keyed hash while fewer than k authors used it. */
const weightOf = (c: Centroid, w: string, hash?: TermHash) =>
  c.weights.get(w) ?? (hash ? (c.weights.get(`#${hash(w)}`) ?? 0) : 0);

export function cosine(words: readonly string[], c: Centroid, hash?: TermHash): number {
  if (words.length === 0 || c.norm === 0) return 0;
  let dot = 0;
  for (const w of words) dot += weightOf(c, w, hash);
  return dot / (c.norm * Math.sqrt(words.length));
}

export function addWords(c: Centroid, words: readonly string[]) {
  for (const w of words) c.weights.set(w, (c.weights.get(w) ?? 0) + 1);
  let sq = 0;
  for (const v of c.weights.values()) sq += v * v;
  c.norm = Math.sqrt(sq);
}

export function centroidSimilarity(a: Centroid, b: Centroid): number {
  if (a.norm === 0 || b.norm === 0) return 0;
  let dot = 0;
  for (const [w, v] of a.weights) dot += v * (b.weights.get(w) ?? 0);
  return dot / (a.norm * b.norm);
}
