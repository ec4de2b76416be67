import type { PerspectiveId } from '@trendwacht/shared';
import type { NarrativeAssignment } from '../aggregate';
import type { TermHash } from '../authors';
import { DEFAULT_NARRATIVES, type NarrativeIndex } from '../trends/narratives';

type Centroid = ReturnType<NarrativeIndex['candidates']>[number];
type Assigned = NarrativeAssignment & { similarity: number };

/**
 * Word → the candidate narratives (of every theme) that hold it, plain or as `#<keyed
 * hash>`, kept in step with the index's candidate lists: a theme's list that was only
 * appended to (`share`: founded meanwhile) adds its new narratives; a list read again from
 * Redis rebuilds the whole (at most once per refresh). Candidates are numbered, and a
 * post's dot products are summed in reused arrays (no object per candidate and post).
 */
class CandidateWords {
  private readonly lists = new Map<string, { theme: string; list: readonly Centroid[]; done: number }>();
  private byWord = new Map<string, number[]>();
  /** Each candidate's theme and its place in its theme's list (ties go to the earlier one, as in `matcher`). */
  readonly at = new Map<Centroid, { theme: string; pos: number }>();
  private all: Centroid[] = [];
  private themeOf: string[] = [];
  private numberOf = new Map<Centroid, number>();
  private dot = new Float64Array(64);
  private shared = new Int32Array(64);
  /** The candidates the post being matched shares a word with (reused). */
  private readonly touched: number[] = [];

  sync(index: NarrativeIndex): void {
    let rebuild = false;
    for (const theme of index.themes()) {
      const list = index.candidates(theme);
      const s = this.lists.get(theme);
      if (s?.list === list) continue;
      const appended = !s || s.done === 0 || (list.length >= s.done && list[s.done - 1] === s.list[s.done - 1]);
      if (!appended) rebuild = true;
      this.lists.set(theme, { theme, list, done: appended ? (s?.done ?? 0) : 0 });
    }
    if (rebuild) {
      this.byWord = new Map();
      this.at.clear();
      this.all = [];
      this.themeOf = [];
      this.numberOf = new Map();
      for (const s of this.lists.values()) s.done = 0;
    }
    for (const s of this.lists.values()) {
      for (; s.done < s.list.length; s.done++) this.add(s.list[s.done] as Centroid, s.theme, s.done);
    }
  }

  add(c: Centroid, theme: string, pos: number, words: Iterable<string> = c.weights.keys()): void {
    this.at.set(c, { theme, pos });
    let i = this.numberOf.get(c);
    if (i === undefined) {
      i = this.all.push(c) - 1;
      this.themeOf.push(theme);
      this.numberOf.set(c, i);
      if (i >= this.dot.length) {
        this.dot = new Float64Array(this.dot.length * 2);
        this.shared = new Int32Array(this.shared.length * 2);
      }
    }
    for (const w of words) {
      const holders = this.byWord.get(w);
      if (!holders) this.byWord.set(w, [i]);
      else if (!holders.includes(i)) holders.push(i);
    }
  }

  /**
   * The candidate sharing a word with a post's words (of a theme `keep` keeps) with the
   * highest cosine, from their dot products: a word counts once per candidate, under its
   * plain form where the candidate has it, else its keyed one (as `cosine` reads it;
   * `keyed` gives a word's keyed form). Ties go where the index's own look-ups put them:
   * `before(c, top)` says which of two equals wins (else the first met, in word order).
   * Sums are kept in reused arrays (no object per candidate and post).
   */
  best(
    words: readonly string[],
    keep: (theme: string) => boolean,
    before: (c: Centroid, top: Centroid) => boolean,
    opts: { keyed?: ((word: string) => string) | undefined; byTheme?: boolean; minShared?: number } = {},
  ): { top: Centroid | null; sim: number } {
    const { dot, shared, all, themeOf, touched } = this;
    const { keyed, byTheme = false, minShared = 1 } = opts;
    for (const w of words) {
      const plain = this.byWord.get(w);
      if (plain) for (let p = 0; p < plain.length; p++) this.addTo(plain[p] as number, w, keep);
      if (!keyed) continue;
      const k = keyed(w);
      const holders = this.byWord.get(k);
      if (!holders) continue;
      for (let h = 0; h < holders.length; h++) {
        const i = holders[h] as number;
        const c = all[i] as Centroid;
        if (c.weights.has(w)) continue;
        // `byTheme` (as NarrativeIndex.closest): a theme where any candidate has the plain form takes no keyed one.
        if (byTheme && plain?.some((j) => themeOf[j] === themeOf[i])) continue;
        this.addTo(i, k, keep);
      }
    }
    const len = Math.sqrt(words.length);
    let top: Centroid | null = null;
    let sim = 0;
    for (let t = 0; t < touched.length; t++) {
      const i = touched[t] as number;
      const c = all[i] as Centroid;
      const n = shared[i] as number;
      const d = dot[i] as number;
      dot[i] = 0;
      shared[i] = 0;
      if (n < minShared || c.norm === 0) continue;
      const s = d / (c.norm * len);
      if (s > sim || (s === sim && top && before(c, top))) {
        top = c;
        sim = s;
      }
    }
    touched.length = 0;
    return { top, sim };
  }

  private addTo(i: number, form: string, keep: (theme: string) => boolean): void {
    const { dot, shared } = this;
    if (shared[i] === 0) {
      if (!keep(this.themeOf[i] as string)) return;
      this.touched.push(i);
    }
    dot[i] = (dot[i] as number) + ((this.all[i] as Centroid).weights.get(form) ?? 0);
    shared[i] = (shared[i] as number) + 1;
  }
}

/** The word index of each narrative index (one per tenant), across batches. */
const INDEXES = new WeakMap<NarrativeIndex, CandidateWords>();

const wordsOf = (index: NarrativeIndex) => {
  let cw = INDEXES.get(index);
  if (!cw) {
    cw = new CandidateWords();
    INDEXES.set(index, cw);
  }
  cw.sync(index);
  return cw;
};

/**
 * The narrative matchers of one batch through an inverted index: a post is compared only
 * with the candidates that share a word with it (the others have cosine 0), in one pass
 * over its words, instead of with every candidate. `assign` picks as `NarrativeIndex.
 * matcher` does (same cosine, same threshold), and founds through it (its id, parent and
 * sharing with the process's other batches); narratives founded by this batch grow with
 * the posts that join them, as there. `responds` finds the story a post outside its theme
 * answers, as `NarrativeIndex.closest` does, with one look-up per word for all themes (and
 * it also sees the words narratives founded in this process took since, which that one's
 * word lists miss).
 */
export function fastMatcher(index: NarrativeIndex, hash?: TermHash) {
  const found = index.matcher(hash);
  // A word's keyed form, built once a batch (the hashes themselves are cached by the hasher).
  const keyedForms = new Map<string, string>();
  const keyed = hash
    ? (w: string) => {
        let k = keyedForms.get(w);
        if (k === undefined) {
          k = `#${hash(w)}`;
          keyedForms.set(w, k);
        }
        return k;
      }
    : undefined;
  const local = new Set<Centroid>();
  const assign = (theme: string, words: readonly string[], perspective: PerspectiveId): Assigned | null => {
    if (words.length === 0) return null;
    const cw = wordsOf(index);
    // Ties: the earlier one in the theme's list (as `matcher` compares them).
    const pos = (c: Centroid) => cw.at.get(c)?.pos ?? 0;
    const { top, sim } = cw.best(
      words,
      (t) => t === theme,
      (c, t) => pos(c) < pos(t),
      { keyed },
    );
    if (top && sim >= DEFAULT_NARRATIVES.join) {
      if (local.has(top)) grow(cw, top, words);
      return { id: top.id, theme, perspective, words, phrases: [], similarity: sim };
    }
    if (words.length < DEFAULT_NARRATIVES.minWords) return null;
    const n = found(theme, words, perspective);
    const founded = n && index.candidates(theme).find((c) => c.id === n.id);
    if (founded) local.add(founded);
    return n;
  };
  const responds = (words: readonly string[], minShared: number, skip: ReadonlySet<string>) => {
    const cw = wordsOf(index);
    // Ties: the theme read first (as `closest` walks the themes).
    const order = index.themes();
    const rank = (c: Centroid) => order.indexOf(cw.at.get(c)?.theme ?? '');
    const { top, sim } = cw.best(
      words,
      (t) => !skip.has(t),
      (c, t) => rank(c) < rank(t),
      { keyed, byTheme: true, minShared },
    );
    const theme = top && cw.at.get(top)?.theme;
    return top && theme && sim >= DEFAULT_NARRATIVES.join ? { id: top.id, theme, similarity: sim } : null;
  };
  return { assign, responds };
}

/** A narrative founded by this batch takes the words of the posts that join it. */
function grow(cw: CandidateWords, c: Centroid, words: readonly string[]) {
  const added = words.filter((w) => !c.weights.has(w));
  for (const w of words) c.weights.set(w, (c.weights.get(w) ?? 0) + 1);
  let sq = 0;
  for (const v of c.weights.values()) sq += v * v;
  c.norm = Math.sqrt(sq);
  const at = cw.at.get(c);
  if (at) cw.add(c, at.theme, at.pos, added);
}
