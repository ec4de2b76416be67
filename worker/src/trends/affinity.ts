import { ALL, BUCKET_MS, MIN_K, PHRASE_JOIN, type TenantKeys } from '@trendwacht/shared';
import type { RedisClient } from '@trendwacht/shared/node';
import { ANALYSED } from '../analysis/lexicon';
import { conceptMap } from '../narratives/lexicon';
import type { Burst, Story } from './stories';

const HOUR = BUCKET_MS.hour;
/** How recently a theme of a story must have burst for a burst to be tied to it through the theme. */
const THEME_TIE_MS = 30 * BUCKET_MS.minute;

/**
 * Co-occurrence from aggregates only. Posts are gone, but each term keeps a HyperLogLog of
 * its authors per hour: authors of both A and B ≈ |A| + |B| − |A ∪ B| (PFCOUNT of both). At
 * municipal scale an author posts about once in an hour, so shared authors are shared
 * posts. A burst is its words (a term: itself; a theme or narrative: the terms that moved
 * in it) and a story the union of its members' words, over the last two hours. The same
 * telling word on both sides is a tie by itself; a common one is not.
 */
export class AffinityMeter {
  private minute = -1;
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: TenantKeys,
    /** The words of a series that moved now (terms: the term itself). */
    private readonly termsOf: (kind: string, key: string) => readonly string[],
    /**
     * Fewest shared authors that count as a tie. A tie is a decision inside the detector,
     * never shown, so the floor is MIN_K rather than the tenant's k: at tens of posts an
     * hour, five posts holding two words at once come only long after the story began.
     */
    private readonly minShared = MIN_K,
    /** Common words (background.ts): a phrase's words stand for it only when they say something. */
    private readonly filler: (word: string) => boolean = () => false,
    /**
     * Words that tell a story apart (not common in ordinary language nor in this stream's
     * everyday talk): only those make a burst the same story by themselves. A town's name
     * or "mensen" in both says nothing; shared authors still may.
     */
    private readonly telling: (word: string) => boolean = () => true,
  ) {}

  /**
   * The tie between a burst and a story, 0–1: the part of the smaller side whose authors
   * used both the burst's and the story's words. A dormant story has no tie through a theme.
   */
  async affinity(b: Burst, s: Story, minute: number): Promise<number> {
    if (minute !== this.minute) {
      this.minute = minute;
      this.counts.clear();
    }
    const words = withWords(this.termsOf(b.reading.kind, b.reading.key).slice(0, 6), this.filler);
    const told = withWords(storyTerms(s, this.termsOf).slice(0, 12), this.filler);
    // The same telling word, or its translation (the same incident told in French and in Dutch).
    const concepts = new Set(told.map(concept));
    if (words.some((t) => this.telling(t) && concepts.has(concept(t)))) return 1;
    // Authors are measured on the burst's telling words (everybody uses the common ones),
    // and on words of all posts (a narrative's phrases have author sketches of their own only).
    // A story asleep is woken through telling words only (a common word's authors are
    // everybody), and through its own words: terms of it that could have opened it.
    const own = new Set<string>();
    for (const m of s.members.values()) if (m.kind === 'term' && m.seeds) own.add(m.key);
    const sketched = (ws: readonly string[]) =>
      ws.filter((w) => !w.includes(PHRASE_JOIN) && (s.state === 'open' || own.has(w) || this.telling(w)));
    const mine = sketched(words);
    const theirs = sketched([...told, ...[...own].filter((w) => !told.includes(w))]);
    const theme = s.state === 'open' ? await this.themeTie(b, s, minute) : 0;
    if (mine.length === 0 || theirs.length === 0) return theme;
    const hours = [...new Set([minute - HOUR, minute].map((m) => Math.floor(m / HOUR) * HOUR))];
    const sketches = (ts: readonly string[]) =>
      ts.flatMap((t) => hours.map((h) => this.keys.termAuthorsPrefix(ALL, h) + t));
    const sides = [mine, theirs].map((ts) => ts.join('\u0000'));
    const pipe = this.redis.pipeline();
    const unknown = sides.filter((id) => !this.counts.has(id));
    for (const id of unknown) pipe.pfcount(...sketches(id.split('\u0000')));
    pipe.pfcount(...sketches(mine), ...sketches(theirs));
    const res = ((await pipe.exec()) ?? []).map((r) => Number(r[1] ?? 0));
    unknown.forEach((id, i) => this.counts.set(id, res[i] ?? 0));
    const [na, nc] = sides.map((id) => this.counts.get(id) ?? 0) as [number, number];
    const shared = na + nc - (res[unknown.length] ?? 0);
    if (shared < this.minShared || Math.min(na, nc) === 0) return theme;
    return Math.min(1, Math.max(shared / Math.min(na, nc), theme));
  }

  /**
   * A tie through a theme that bursts in the story now (moving at the same time, within
   * the last half hour): a narrative or theme of it (often without words of k authors
   * yet), or a word used mostly in its posts — the same incident told in another language.
   * Counts as a join (0.5), never more. A theme the story merely belongs to ties nothing:
   * a theme such as *local* holds half the stream.
   */
  private async themeTie(b: Burst, s: Story, minute: number): Promise<number> {
    const themes = new Set<string>();
    for (const m of s.members.values())
      if ((m.kind === 'theme' || m.kind === 'target') && minute - m.lastAt <= THEME_TIE_MS)
        themes.add(m.kind === 'theme' ? m.key : m.theme);
    if (themes.size === 0) return 0;
    const kind = b.reading.kind;
    if (kind === 'narrative' || kind === 'theme' || kind === 'target')
      return themes.has(kind === 'theme' ? b.reading.key : b.theme) ? 0.5 : 0;
    const hour = Math.floor(minute / HOUR) * HOUR;
    const pipe = this.redis.pipeline();
    pipe.zscore(this.keys.terms(ALL, hour), b.reading.key);
    for (const t of themes) pipe.zscore(this.keys.terms(t, hour), b.reading.key);
    const res = ((await pipe.exec()) ?? []).map((r) => Number(r[1] ?? 0));
    const all = res[0] ?? 0;
    return all > 0 && res.slice(1).some((n) => n >= 0.5 * all) ? 0.5 : 0;
  }
}

/**
 * Terms and the words of their phrases (a pair "a b", a narrative's phrase "aˑbˑc"): a story
 * of "deadly flood" is also about "flood", which never bursts in a stream where everyone
 * speaks of the flood (common words left out).
 */
export function withWords(terms: readonly string[], filler: (word: string) => boolean): string[] {
  const out = [...terms];
  for (const t of terms)
    for (const w of t.split(/[ \u02d1]/)) if (w !== t && !out.includes(w) && !filler(w)) out.push(w);
  return out.slice(0, 2 * terms.length);
}

/**
 * A story's words: an open story's members' moved terms, strongest member first; a story
 * asleep, the words it was told with (Story.words) — its narratives may speak of something
 * else since.
 */
export function storyTerms(s: Story, termsOf: (kind: string, key: string) => readonly string[]): string[] {
  if (s.state === 'dormant' && s.words && s.words.length > 0) return s.words;
  const out: string[] = [];
  const members = [...s.members.values()].sort((a, b) => b.peak.score - a.peak.score);
  for (const m of members) for (const t of termsOf(m.kind, m.key)) if (!out.includes(t)) out.push(t);
  return out;
}

/**
 * A word as its concept in the translation lexicon of theme vocabulary (narratives'
 * `concepts.tsv`: "bagarre" and "fight" are "vechtpartij"), else itself.
 */
export function concept(word: string): string {
  const map = conceptMap();
  for (const l of ANALYSED) {
    const c = map[l].get(word);
    if (c !== undefined) return c;
  }
  return word;
}
