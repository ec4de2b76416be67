/**
 * Hashed sparse features for the linear model: word unigrams and bigrams, words inside a
 * negation's scope, character 3- and 4-grams of each word (robust to spelling tricks the
 * normaliser misses), the language, and the context rules that fired. Features are hashed
 * into DIMS buckets with a sign bit (the hashing trick), so the model holds numbers only,
 * never a word.
 */
export const DIM_BITS = 18;
export const DIMS = 1 << DIM_BITS;
const MASK = DIMS - 1;

export type Features = { index: Int32Array; value: Float32Array; size: number };

enum Ns {
  Word = 0x9e3779b1,
  Bigram = 0x85ebca77,
  Char = 0xc2b2ae3d,
  Negated = 0x27d4eb2f,
  Rule = 0x165667b1,
  Lang = 0xd3a2646c,
}

const NEGATION_SCOPE = 3;
/** Rule features weigh more than any one n-gram: they generalise across wordings. */
const RULE_WEIGHT = 2;
const MAX_TOKENS = 80;
const MAX_FEATURES = 4096;

/** FNV-1a over a namespace seed and a string (or a slice of it). */
function hash(seed: number, s: string, from = 0, to = s.length): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = from; i < to; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function mix(a: number, b: number): number {
  let h = Math.imul(a ^ (b + 0x9e3779b9 + (a << 6) + (a >>> 2)), 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

export class FeatureBuilder {
  private readonly index = new Int32Array(MAX_FEATURES);
  private readonly value = new Float32Array(MAX_FEATURES);
  private size = 0;

  /**
   * Features of one post. `negations` marks negation words; `rules` are rule ids such as
   * `counter_speech`. The returned arrays are reused by the next call: copy to keep.
   */
  build(lang: string, tokens: readonly string[], negations: ReadonlySet<string>, rules: readonly string[]): Features {
    this.size = 0;
    this.add(hash(Ns.Lang, lang));
    const n = Math.min(tokens.length, MAX_TOKENS);
    let scope = 0;
    let prev = 0;
    for (let i = 0; i < n; i++) {
      const t = tokens[i] as string;
      const w = hash(Ns.Word, t);
      this.add(w);
      if (i > 0) this.add(mix(prev, w) ^ Ns.Bigram);
      prev = w;
      if (negations.has(t)) scope = NEGATION_SCOPE;
      else if (scope > 0) {
        this.add(w ^ Ns.Negated);
        scope--;
      }
      this.chars(t);
    }
    // Rules, and every pair of rules that fired together: a linear model cannot learn
    // "a group AND a negative evaluation" from the two rules alone.
    const ruleHashes = rules.map((r) => hash(Ns.Rule, r));
    const langHash = hash(Ns.Lang, lang);
    for (let i = 0; i < ruleHashes.length; i++) {
      const a = ruleHashes[i] as number;
      this.add(a, RULE_WEIGHT);
      this.add(mix(a, langHash), RULE_WEIGHT);
      for (let j = i + 1; j < ruleHashes.length; j++) this.add(mix(a, ruleHashes[j] as number), RULE_WEIGHT);
    }
    // Count-valued features scaled to unit length: long posts do not score higher by length.
    let norm = 0;
    for (let i = 0; i < this.size; i++) norm += (this.value[i] as number) ** 2;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let i = 0; i < this.size; i++) this.value[i] = (this.value[i] as number) * scale;
    return { index: this.index, value: this.value, size: this.size };
  }

  private chars(t: string): void {
    let grams = this.gramCache.get(t);
    if (!grams) {
      grams = charGrams(t);
      if (this.gramCache.size >= GRAM_CACHE_MAX) this.gramCache.clear();
      this.gramCache.set(t, grams);
    }
    for (let i = 0; i < grams.length; i++) this.add(grams[i] as number, 0.5);
  }

  /** The character n-gram hashes of each word seen (words repeat: most are hashed once). */
  private readonly gramCache = new Map<string, Uint32Array>();

  /** Adds a hashed feature; the top bit of the hash gives its sign. */
  private add(h: number, v = 1): void {
    if (this.size >= MAX_FEATURES) return;
    const idx = h & MASK;
    const signed = h & 0x80000000 ? -v : v;
    this.index[this.size] = idx;
    this.value[this.size] = signed;
    this.size++;
  }
}

const GRAM_CACHE_MAX = 50_000;

/** Hashes of the character 3- and 4-grams of `<word>` (none for words over 22 letters). */
function charGrams(t: string): Uint32Array {
  const padded = `<${t}>`;
  const len = padded.length;
  if (len > 24) return new Uint32Array(0);
  const out: number[] = [];
  for (let g = 3; g <= 4; g++) {
    for (let i = 0; i + g <= len; i++) out.push(hash(Ns.Char, padded, i, i + g));
  }
  return Uint32Array.from(out);
}

/** A copy of features that outlives the builder's next call (for training sets). */
export function copyFeatures(f: Features): Features {
  return { index: f.index.slice(0, f.size), value: f.value.slice(0, f.size), size: f.size };
}
