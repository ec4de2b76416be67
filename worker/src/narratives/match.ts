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
 * Redis rebuilds the whole (at most once per refresh).
 */
class CandidateWords {
  private readonly lists = new Map<string, { list: readonly Centroid[]; done: number }>();
  private byWord = new Map<string, Centroid[]>();
  /** Each candidate's theme and its place in its theme's list (ties go to the earlier one, as in `matcher`). */
  readonly at = new Map<Centroid, { theme: string; pos: number }>();

  sync(index: NarrativeIndex): void {
    let rebuild = false;
    for (const theme of index.themes()) {
      const list = index.candidates(theme);
      const s = this.lists.get(theme);
      if (s?.list === list) continue;
      const appended = !s || s.done === 0 || (list.length >= s.done && list[s.done - 1] === s.list[s.done - 1]);
      if (!appended) rebuild = true;
      this.lists.set(theme, { list, done: appended ? (s?.done ?? 0) : 0 });
    }
    if (rebuild) {
      this.byWord = new Map();
      this.at.clear();
      for (const s of this.lists.values()) s.done = 0;
    }
    for (const [theme, s] of this.lists) {
      for (; s.done < s.list.length; s.done++) this.add(s.list[s.done] as Centroid, theme, s.done);
    }
  }

  add(c: Centroid, theme: string, pos: number, words: Iterable<string> = c.weights.keys()): void {
    this.at.set(c, { theme, pos });
    for (const w of words) {
      const holders = this.byWord.get(w);
      if (!holders) this.byWord.set(w, [c]);
      else if (!holders.includes(c)) holders.push(c);
    }
  }

  /**
   * Dot products of a post's words with the candidates sharing one (of `theme`, or of any
   * theme not in `skip`), and how many words each shares. A word counts once per
   * candidate: under its plain form where the candidate has it, else its keyed one
   * (as `cosine` reads it).
   */
  dots(words: readonly string[], keep: (theme: string) => boolean, hash?: TermHash, byTheme = false) {
    const out = new Map<Centroid, { dot: number; n: number }>();
    const addTo = (c: Centroid, form: string) => {
      const at = this.at.get(c);
      if (!at || !keep(at.theme)) return;
      const s = out.get(c);
      const weight = c.weights.get(form) ?? 0;
      if (s) {
        s.dot += weight;
        s.n++;
      } else out.set(c, { dot: weight, n: 1 });
    };
    for (const w of words) {
      const plain = this.byWord.get(w) ?? [];
      for (const c of plain) addTo(c, w);
      if (!hash) continue;
      const keyed = `#${hash(w)}`;
      // `byTheme` (as NarrativeIndex.closest): a theme where any candidate has the plain form takes no keyed one.
      const plainThemes = byTheme ? new Set(plain.map((c) => this.at.get(c)?.theme)) : null;
      for (const c of this.byWord.get(keyed) ?? []) {
        if (c.weights.has(w) || plainThemes?.has(this.at.get(c)?.theme)) continue;
        addTo(c, keyed);
      }
    }
    return out;
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
 * The candidate with the highest cosine. Ties go where the index's own look-ups put them:
 * `before(c, top)` says which of two equals wins (else the first met, in word order).
 */
function best(
  dots: Map<Centroid, { dot: number; n: number }>,
  len: number,
  before: (c: Centroid, top: Centroid) => boolean,
  minShared = 1,
) {
  let top: Centroid | null = null;
  let sim = 0;
  for (const [c, { dot, n }] of dots) {
    if (n < minShared || c.norm === 0) continue;
    const s = dot / (c.norm * len);
    if (s > sim || (s === sim && top && before(c, top))) [top, sim] = [c, s];
  }
  return { top, sim };
}

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
  const local = new Set<Centroid>();
  const assign = (theme: string, words: readonly string[], perspective: PerspectiveId): Assigned | null => {
    if (words.length === 0) return null;
    const cw = wordsOf(index);
    // Ties: the earlier one in the theme's list (as `matcher` compares them).
    const pos = (c: Centroid) => cw.at.get(c)?.pos ?? 0;
    const dots = cw.dots(words, (t) => t === theme, hash);
    const { top, sim } = best(dots, Math.sqrt(words.length), (c, t) => pos(c) < pos(t));
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
    const dots = cw.dots(words, (t) => !skip.has(t), hash, true);
    const { top, sim } = best(dots, Math.sqrt(words.length), (c, t) => rank(c) < rank(t), minShared);
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
