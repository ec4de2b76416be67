import { type LangMix, distinctiveness, isFiller, mixedShare, postShare } from '../background';
import type { History } from './baseline';

/**
 * How new a term is against ordinary language, in the stream's own mix of languages
 * (background.ts): the prior of its expected share, and whether it may open a story.
 */
export type NoveltyOptions = {
  /**
   * Log-odds (natural log) of a term's share of the window's posts against its share in
   * ordinary language from which it may open a story: ln 100 — a word used a hundred
   * times more than usual is news; a common word used a lot is not.
   */
  seedLogOdds: number;
  /** A language counts for filler when it has at least this part of the stream. */
  fillerLangShare: number;
  /**
   * Share of posts from which a word is common, in ordinary language (the background) or in
   * the stream's own last two days: one post in two hundred. Common words never tie a
   * burst to a story by themselves (nor through their authors, who are everybody).
   */
  commonShare: number;
};

export const DEFAULT_NOVELTY: NoveltyOptions = { seedLogOdds: Math.log(100), fillerLangShare: 0.2, commonShare: 0.005 };

export class Novelty {
  constructor(
    private readonly mix: () => LangMix,
    private readonly o: () => NoveltyOptions,
  ) {}

  /** The share of posts holding the term in ordinary language (the term's baseline prior). */
  prior(term: string): number {
    return postShare(mixedShare(this.mix(), term));
  }

  /** Filler in a language that has a real part of the stream ('other' before any post). */
  filler(term: string): boolean {
    const mix = this.mix();
    const total = Object.values(mix).reduce((a: number, b) => a + (b ?? 0), 0);
    const langs = Object.entries(mix)
      .filter(([, n]) => total > 0 && (n ?? 0) >= this.o().fillerLangShare * total)
      .map(([l]) => l);
    return (langs.length > 0 ? langs : ['other']).some((l) => isFiller(l, term));
  }

  /**
   * How distinctive a phrase used `count` times this hour is (log-odds against ordinary
   * language, the hour's posts as the total: the last hour of all posts).
   */
  distinct(term: string, count: number, all: History): number {
    const hour = Math.max(0, ...all.hours.keys());
    const total = Math.max(count, all.hours.get(hour) ?? 0);
    return distinctiveness('other', term, count, total, { mix: this.mix() }).logOdds;
  }

  /**
   * May a narrative (or theme) with these moved words open a story? Only with a word of k
   * authors that says something: a story nobody can read ("Narratief …", an id) joins or
   * extends one, and opens its own once its words are there.
   */
  describable(words: readonly string[]): boolean {
    return words.some((w) => !this.filler(w));
  }

  /**
   * Whether a word tells a story apart: not filler, and used in fewer than `commonShare` of
   * posts in ordinary language and in the stream (`streamShare`: its share of the last two
   * days' posts, null when the detector does not watch it).
   */
  telling(word: string, streamShare: number | null): boolean {
    if (this.filler(word)) return false;
    const common = this.o().commonShare;
    return this.prior(word) < common && (streamShare ?? 0) < common;
  }

  /** May a burst of this term open a story (a common word joins one, never opens it)? */
  seeds(term: string, observed: number, allObserved: number): boolean {
    // −∞: no gate at all (any word opens a story, as before the background vocabulary).
    if (this.o().seedLogOdds === Number.NEGATIVE_INFINITY) return true;
    if (this.filler(term)) return false;
    const d = distinctiveness('other', term, observed, Math.max(observed, allObserved), { mix: this.mix() });
    return d.logOdds >= this.o().seedLogOdds;
  }
}
