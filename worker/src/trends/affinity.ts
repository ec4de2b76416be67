import { ALL, BUCKET_MS, type TenantKeys } from '@trendwacht/shared';
import type { RedisClient } from '@trendwacht/shared/node';
import type { Burst, Story } from './stories';

const HOUR = BUCKET_MS.hour;

/**
 * Co-occurrence from aggregates only. Posts are gone, but each term keeps a HyperLogLog of
 * its authors per hour: authors of both a and b ≈ |A| + |B| − |A ∪ B| (PFCOUNT of both). At
 * municipal scale an author posts about once in an hour, so shared authors are shared
 * posts. A series (theme, narrative) is represented by the terms that moved in it.
 */
export class AffinityMeter {
  private minute = -1;
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: TenantKeys,
    /** The words of a series that moved now (terms: the term itself). */
    private readonly termsOf: (kind: string, key: string) => readonly string[],
    /** Fewest shared authors that count as a tie (k: nothing below it is a fact to act on). */
    private readonly minShared: number,
  ) {}

  /** The tie between a burst and a story, 0–1: the strongest overlap of their words. */
  async affinity(b: Burst, s: Story, minute: number): Promise<number> {
    if (minute !== this.minute) {
      this.minute = minute;
      this.counts.clear();
    }
    const mine = this.termsOf(b.reading.kind, b.reading.key).slice(0, 6);
    const theirs = storyTerms(s, this.termsOf).slice(0, 12);
    if (mine.some((t) => theirs.includes(t))) return 1;
    const theme = await this.themeTie(b, s, minute);
    const pairs: [string, string][] = [];
    for (const a of mine) for (const c of theirs) pairs.push([a, c]);
    if (pairs.length === 0) return theme;
    const hours = [minute - HOUR, minute].map((m) => Math.floor(m / HOUR) * HOUR);
    const sketch = (t: string) => [...new Set(hours)].map((h) => this.keys.termAuthorsPrefix(ALL, h) + t);
    const single = [...new Set(pairs.flat())].filter((t) => !this.counts.has(t));
    const pipe = this.redis.pipeline();
    for (const t of single) pipe.pfcount(...sketch(t));
    for (const [a, c] of pairs) pipe.pfcount(...sketch(a), ...sketch(c));
    const res = (await pipe.exec()) ?? [];
    single.forEach((t, i) => this.counts.set(t, Number(res[i]?.[1] ?? 0)));
    let best = 0;
    pairs.forEach(([a, c], i) => {
      const na = this.counts.get(a) ?? 0;
      const nc = this.counts.get(c) ?? 0;
      const union = Number(res[single.length + i]?.[1] ?? 0);
      const shared = na + nc - union;
      if (shared < this.minShared || Math.min(na, nc) === 0) return;
      best = Math.max(best, shared / Math.min(na, nc));
    });
    return Math.min(1, Math.max(best, theme));
  }

  /**
   * A tie through a theme the story is in (moving at the same time): a narrative or theme
   * of it (often without words of k authors yet), or a word used mostly in its posts — the
   * same incident told in another language. Counts as a join (0.5), never more.
   */
  private async themeTie(b: Burst, s: Story, minute: number): Promise<number> {
    const themes = new Set<string>();
    for (const m of s.members.values()) {
      if (m.kind === 'theme') themes.add(m.key);
      else if (m.theme !== ALL) themes.add(m.theme);
    }
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

/** A story's words: its members' moved terms, strongest member first. */
export function storyTerms(s: Story, termsOf: (kind: string, key: string) => readonly string[]): string[] {
  const out: string[] = [];
  const members = [...s.members.values()].sort((a, b) => b.peak.score - a.peak.score);
  for (const m of members) for (const t of termsOf(m.kind, m.key)) if (!out.includes(t)) out.push(t);
  return out;
}
