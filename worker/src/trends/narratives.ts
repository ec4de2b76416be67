import { createHash } from 'node:crypto';
import type { PerspectiveId, Stance, TenantKeys } from '@trendwacht/shared';
import type { RedisClient } from '@trendwacht/shared/node';
import type { NarrativeAssignment } from '../aggregate';
import type { TermHash } from '../authors';
import { type Centroid, addWords, centroidOf, centroidSimilarity, cosine } from './centroid';

/**
 * Narratives: posts of one theme clustered online on their words. Each narrative has a
 * centroid (its words with summed counts, in Redis, updated in the batch's atomic apply),
 * so every worker process and every restart assigns posts to the same narratives. A post
 * joins the closest narrative (cosine of its words with the centroid) when close enough;
 * otherwise it founds one whose id is a hash of the theme and its words — a retried batch
 * founds the same one. A narrative founded close to another records it as its parent
 * (a split); two narratives that grow alike are merged (lineage kept in both).
 *
 * A centroid holds a word in plain text only once k authors used it (vocabulary.ts);
 * before that, as `#<keyed hash>` under the day's salt, which a post's word is compared
 * with too. A narrative's id hashes its founding words in the same keyed form.
 */
export type NarrativeOptions = {
  /** Cosine from which a post joins a narrative. */
  join: number;
  /** Cosine from which a new narrative records the closest one as its parent. */
  parent: number;
  /** Cosine from which two narratives of a theme are merged. */
  merge: number;
  /** Candidates read per theme: the biggest ones and the most recent ones. */
  biggest: number;
  recent: number;
  /** How long read candidates are reused before reading Redis again. */
  refreshMs: number;
  /** Fewer distinct words than this: too little to found a narrative on. */
  minWords: number;
};

export const DEFAULT_NARRATIVES: NarrativeOptions = {
  join: 0.3,
  parent: 0.15,
  merge: 0.6,
  biggest: 30,
  recent: 20,
  refreshMs: 5_000,
  minWords: 2,
};

/** The single words of a post's terms (bigrams are for labels, not for clustering). */
export function clusterWords(terms: readonly string[]): string[] {
  return [...new Set(terms.filter((t) => !t.includes(' ')))];
}

/**
 * How many words a post shares with a narrative, the words of one of the post's pairs
 * counted once: "Sint-Niklaas" is one name, not two words in common (a question about a
 * frituur in Sint-Niklaas shares nothing with a threat against a building there but the
 * town). Null when the narrative is not among the index's candidates (founded since).
 */
export function sharedUnits(
  index: NarrativeIndex,
  found: { id: string; theme: string },
  words: readonly string[],
  terms: readonly string[],
  hash?: TermHash,
): number | null {
  const c = index.candidates(found.theme).find((x) => x.id === found.id);
  if (!c) return null;
  const shared = words.filter((w) => c.weights.has(w) || (hash !== undefined && c.weights.has(`#${hash(w)}`)));
  const unit = new Map(shared.map((w) => [w, w]));
  const root = (w: string): string => {
    const up = unit.get(w) ?? w;
    return up === w ? w : root(up);
  };
  for (const t of terms) {
    const [a, b] = t.split(' ');
    if (b === undefined || !unit.has(a as string) || !unit.has(b)) continue;
    unit.set(root(a as string), root(b));
  }
  return new Set(shared.map(root)).size;
}

/** A narrative's id: a hash of its theme and founding words (keyed: `hash`), so workers and retries agree. */
export function narrativeId(theme: string, words: readonly string[], hash?: TermHash): string {
  const forms = hash ? words.map((w) => hash(w)) : words;
  const h = createHash('sha256')
    .update(`${theme}\u0000${[...forms].sort().join(' ')}`)
    .digest();
  return h.readBigUInt64BE(0).toString(36).padStart(13, '0').slice(0, 12);
}

export class NarrativeIndex {
  private readonly cache = new Map<string, { at: number; centroids: Centroid[]; byWord: Map<string, Centroid[]> }>();

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: TenantKeys,
    private readonly opts: NarrativeOptions = DEFAULT_NARRATIVES,
    private readonly now: () => number = Date.now,
  ) {}

  /** Reads the candidates of these themes (those not read within `refreshMs`). */
  async prepare(themes: Iterable<string>): Promise<void> {
    const stale = [...new Set(themes)].filter((t) => {
      const c = this.cache.get(t);
      return !c || this.now() - c.at > this.opts.refreshMs;
    });
    await Promise.all(
      stale.map(async (theme) => {
        const centroids = await this.read(theme);
        const byWord = new Map<string, Centroid[]>();
        for (const c of centroids) {
          for (const w of c.weights.keys()) byWord.set(w, [...(byWord.get(w) ?? []), c]);
        }
        this.cache.set(theme, { at: this.now(), centroids, byWord });
      }),
    );
  }

  /** The candidates of a theme, as last read. */
  candidates(theme: string): readonly Centroid[] {
    return this.cache.get(theme)?.centroids ?? [];
  }

  /**
   * A narrative founded by a batch is a candidate for this process's other batches at once
   * (not only after the next read of Redis): a burst processed by concurrent batches then
   * grows one narrative instead of founding look-alikes side by side.
   */
  private share(theme: string, c: Centroid) {
    const entry = this.cache.get(theme);
    if (!entry || entry.centroids.some((x) => x.id === c.id)) return;
    entry.centroids = [...entry.centroids, c];
    for (const w of c.weights.keys()) entry.byWord.set(w, [...(entry.byWord.get(w) ?? []), c]);
  }

  /** Themes whose candidates have been read (responders are compared with their narratives). */
  themes(): string[] {
    return [...this.cache.keys()];
  }

  /**
   * The closest narrative of any theme but `skip` holding at least `minShared` of the words
   * (cosine ≥ join), read through the word index in one pass over the words: how a post
   * that answers a story finds it. Never founds one.
   */
  closest(
    words: readonly string[],
    minShared: number,
    skip: ReadonlySet<string>,
    hash?: TermHash,
  ): { id: string; theme: string; similarity: number } | null {
    // Each word's two forms once: plain, and keyed while fewer than k authors used it.
    const forms = words.map((w) => [w, hash ? `#${hash(w)}` : ''] as const);
    const shared = new Map<Centroid, { theme: string; n: number; dot: number }>();
    for (const [theme, entry] of this.cache) {
      if (skip.has(theme)) continue;
      for (const [w, keyed] of forms) {
        const plain = entry.byWord.get(w);
        const hit = plain ?? (keyed ? entry.byWord.get(keyed) : undefined);
        if (!hit) continue;
        const form = plain ? w : keyed;
        for (const c of hit) {
          const weight = c.weights.get(form) ?? 0;
          const s = shared.get(c);
          if (s) {
            s.n++;
            s.dot += weight;
          } else shared.set(c, { theme, n: 1, dot: weight });
        }
      }
    }
    let best: { id: string; theme: string; similarity: number } | null = null;
    const len = Math.sqrt(words.length);
    for (const [c, { theme, n, dot }] of shared) {
      if (n < minShared || c.norm === 0) continue;
      const similarity = dot / (c.norm * len);
      if (similarity >= this.opts.join && (!best || similarity > best.similarity))
        best = { id: c.id, theme, similarity };
    }
    return best;
  }

  /**
   * An assigner for one batch: narratives founded in the batch are seen by its later posts
   * (and only by them: the shared candidates change when Redis does). `hash` is the
   * batch's term hash (words of fewer than k authors rest in centroids under it).
   * `found: false` only joins an existing narrative, never founds one.
   */
  matcher(hash?: TermHash) {
    const founded = new Map<string, Centroid[]>();
    return (
      theme: string,
      words: readonly string[],
      perspective: PerspectiveId,
      opts: { found?: boolean; phrases?: readonly string[] } = {},
    ): (NarrativeAssignment & { similarity: number }) | null => {
      if (words.length === 0) return null;
      const local = founded.get(theme) ?? [];
      let best: Centroid | null = null;
      let bestSim = 0;
      for (const c of [...this.candidates(theme), ...local]) {
        const sim = cosine(words, c, hash);
        if (sim > bestSim) {
          bestSim = sim;
          best = c;
        }
      }
      const phrases = opts.phrases ?? [];
      if (best && bestSim >= this.opts.join) {
        if (local.includes(best)) addWords(best, words);
        return { id: best.id, theme, perspective, words, phrases, similarity: bestSim };
      }
      if (opts.found === false || words.length < this.opts.minWords) return null;
      const id = narrativeId(theme, words, hash);
      const c = centroidOf(id, new Map(words.map((w) => [w, 1])));
      local.push(c);
      founded.set(theme, local);
      this.share(theme, c);
      const parent = best && bestSim >= this.opts.parent ? best.id : undefined;
      return { id, theme, perspective, words, phrases, similarity: 1, ...(parent ? { parent } : {}) };
    };
  }

  /**
   * The assigner of one batch by the analysis' stance alone (no text: no responders, no
   * phrases): attacking and other push, defending counters. `narratives/assign.ts` reads
   * perspectives properly; this stays for callers that only have a theme hit.
   */
  session(hash?: TermHash) {
    const match = this.matcher(hash);
    return (theme: string, terms: readonly string[], stance: Stance): NarrativeAssignment | null => {
      const p: PerspectiveId = stance === 'defending' ? 'countering' : stance === 'informing' ? 'informing' : 'pushing';
      const n = match(theme, clusterWords(terms), p);
      if (!n) return null;
      const { similarity: _, ...rest } = n;
      return rest;
    };
  }

  private async read(theme: string): Promise<Centroid[]> {
    const [biggest, recent, pinned] = await Promise.all([
      this.redis.zrevrange(this.keys.narratives(theme), 0, this.opts.biggest - 1),
      this.redis.zrevrange(this.keys.narrativesRecent(theme), 0, this.opts.recent - 1),
      this.redis.smembers(this.keys.narrativesPinned(theme)),
    ]);
    const all = [...new Set([...pinned, ...biggest, ...recent])];
    if (all.length === 0) return [];
    // A narrative merged into another (by an analyst, or while a batch still held it) is no
    // candidate: its posts go where it was merged into, whose centroid holds its words.
    const merged = await this.redis
      .pipeline(all.map((id) => ['hget', this.keys.narrativeMeta(id), 'mergedInto']))
      .exec();
    const ids = all.filter((_, i) => !merged?.[i]?.[1]);
    const pipe = this.redis.pipeline();
    for (const id of ids) pipe.zrange(this.keys.narrativeCentroid(id), 0, -1, 'WITHSCORES');
    const res = (await pipe.exec()) ?? [];
    return ids.map((id, i) => {
      const flat = (res[i]?.[1] as string[] | undefined) ?? [];
      const weights = new Map<string, number>();
      for (let j = 0; j + 1 < flat.length; j += 2) weights.set(flat[j] as string, Number(flat[j + 1]));
      return centroidOf(id, weights);
    });
  }

  /**
   * Merges narratives of a theme that grew alike: the smaller one records `mergedInto`,
   * the bigger one lists it in `merged`, and the smaller leaves the registries. Returns
   * the merges done as [from, into] pairs.
   */
  async mergeSimilar(theme: string): Promise<[string, string][]> {
    const cs = await this.read(theme);
    const size = (c: Centroid) => [...c.weights.values()].reduce((a, b) => a + b, 0);
    const gone = new Set<string>();
    const merges: [string, string][] = [];
    for (const a of cs) {
      for (const b of cs) {
        if (a === b || gone.has(a.id) || gone.has(b.id) || size(a) > size(b)) continue;
        if (a.id > b.id && size(a) === size(b)) continue;
        if (centroidSimilarity(a, b) < this.opts.merge) continue;
        gone.add(a.id);
        merges.push([a.id, b.id]);
      }
    }
    for (const [from, into] of merges) {
      const merged = await this.redis.hget(this.keys.narrativeMeta(into), 'merged');
      await this.redis
        .multi()
        .hset(this.keys.narrativeMeta(from), 'mergedInto', into, 'mergedAt', this.now())
        .hset(this.keys.narrativeMeta(into), 'merged', merged ? `${merged},${from}` : from)
        .zrem(this.keys.narratives(theme), from)
        .zrem(this.keys.narrativesRecent(theme), from)
        .exec();
    }
    if (merges.length > 0) this.cache.delete(theme);
    return merges;
  }
}
