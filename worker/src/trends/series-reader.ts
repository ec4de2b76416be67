import { ALL, BUCKET_MS, LANGS, THEME_IDS, type TenantKeys, narrativeSeries, termSeriesOf } from '@trendwacht/shared';
import type { RedisClient } from '@trendwacht/shared/node';
import type { ChainableCommander } from 'ioredis';
import { type History, MINUTES_KEPT, emptyHistory, record, recordMinute } from './baseline';

const MINUTE = BUCKET_MS.minute;
const HOUR = BUCKET_MS.hour;
const DAY = BUCKET_MS.day;
/** Per-minute decay of the language mix (half-life ~6 hours). */
const LANG_DECAY = 0.5 ** (1 / 360);

export type Tracked = {
  kind: 'theme' | 'target' | 'narrative' | 'term' | 'all';
  key: string;
  theme: string;
  /** The aggregate series it is read from (`all` for terms: their words are all posts'). */
  series: string;
  history: History;
};

type ReaderOptions = { weeks: number; days: number; warmupDays: number; watchTerms: number };

/**
 * What the detector knows of each series: posts per hour (its baseline) and per minute
 * (its window, the cold-start level, the receipt's chart), read from the aggregates in
 * one round trip a minute.
 */
export class SeriesReader {
  private readonly tracked = new Map<string, Tracked>();
  readonly all: Tracked;
  private termHour = -1;
  private readonly termSeen = new Map<string, { total: number; minute: number }>();
  /** Posts per language of the stream, decaying by half every ~6 hours (the background's weights). */
  readonly langMix: Record<string, number> = {};

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: TenantKeys,
    private readonly o: () => ReaderOptions,
  ) {
    this.all = this.track('all', ALL, ALL, ALL);
  }

  track(kind: Tracked['kind'], key: string, theme: string, series: string): Tracked {
    const id = `${kind}\u0000${key}`;
    let t = this.tracked.get(id);
    if (!t) {
      t = { kind, key, theme, series, history: emptyHistory() };
      this.tracked.set(id, t);
    }
    return t;
  }
  get(kind: string, key: string): Tracked | undefined {
    return this.tracked.get(`${kind}\u0000${key}`);
  }
  /** Every series judged (not `all`). */
  list(): Tracked[] {
    return [...this.tracked.values()].filter((t) => t.kind !== 'all');
  }
  /** Hourly: minutes older than the chart and cold start need are dropped. */
  prune(minute: number): void {
    for (const t of this.tracked.values())
      for (const m of t.history.minutes.keys()) if (m <= minute - MINUTES_KEPT * MINUTE) t.history.minutes.delete(m);
  }
  forget(t: Tracked): void {
    this.tracked.delete(`${t.kind}\u0000${t.key}`);
  }

  private span(): number {
    return Math.max(this.o().weeks * 7, this.o().days) + 1;
  }

  /**
   * Reads the hourly past of series. `known`: only since the first post the detector saw
   * (a new narrative cannot be older than the stream; saves ~700 reads a series).
   */
  async bootstrap(series: Tracked[], now: number, known = false): Promise<void> {
    let first = Math.floor(now / HOUR) * HOUR - this.span() * 24 * HOUR;
    if (known && this.all.history.since !== null) first = Math.max(first, this.all.history.since);
    const hours: number[] = [];
    for (let h = first; h < Math.floor(now / HOUR) * HOUR; h += HOUR) hours.push(h);
    await this.fillHistory(series, hours, (pipe, s, h) => pipe.hget(this.keys.cell(s.series, 'hour', h), 'posts'));
  }

  /** Reads one count per series and hour (in one round trip) into the series' histories. */
  private async fillHistory(
    series: Tracked[],
    hours: number[],
    read: (pipe: ChainableCommander, s: Tracked, hour: number) => unknown,
  ): Promise<void> {
    const pipe = this.redis.pipeline();
    for (const s of series) for (const h of hours) read(pipe, s, h);
    const res = (await pipe.exec()) ?? [];
    let i = 0;
    for (const s of series) {
      for (const h of hours) {
        const n = Number(res[i++]?.[1] ?? 0);
        if (n > 0 || s.history.since !== null) record(s.history, h, n);
      }
    }
  }

  /**
   * Minute `minute` is complete: one round trip reads its count for every series, the
   * watched terms of all posts, new narratives and — until the rhythm is known — whether
   * posts with past dates were imported (a CSV of last month, the demo's week), which then
   * become the baseline without a restart.
   */
  async read(minute: number, ready: boolean, narratives: boolean): Promise<void> {
    const list = [...this.tracked.values()].filter((t) => t.kind !== 'term');
    const hour = Math.floor(minute / HOUR) * HOUR;
    const closing = minute + MINUTE === hour + HOUR;
    const pipe = this.redis.pipeline();
    for (const t of list) pipe.hget(this.keys.cell(t.series, 'minute', minute), 'posts');
    pipe.hmget(this.keys.cell(ALL, 'minute', minute), ...LANGS.map((l) => `lang:${l}`));
    // At each hour's last minute, the hour's own cell corrects for posts that came late.
    if (closing) for (const t of list) pipe.hget(this.keys.cell(t.series, 'hour', hour), 'posts');
    // A new hour: the last one's counts of every watched term are read back from its term
    // list (a term out of the watched top for a while was not read, and is not unused).
    const closed = hour !== this.termHour && this.termHour >= 0 ? this.termHour : null;
    if (hour !== this.termHour) {
      this.termHour = hour;
      this.termSeen.clear();
    }
    if (closed !== null) await this.correctTerms(closed);
    pipe.zrevrange(this.keys.terms(ALL, hour), 0, this.o().watchTerms - 1, 'WITHSCORES');
    if (narratives) for (const theme of THEME_IDS) pipe.zrevrange(this.keys.narrativesRecent(theme), 0, 19);
    const knownDay = Math.floor((this.all.history.since ?? minute) / DAY) * DAY;
    const pastDays: number[] = [];
    // Checked every 10 minutes (an import takes longer than that to matter).
    if (!ready && minute % (10 * MINUTE) === 0)
      for (let d = knownDay - this.span() * DAY; d < knownDay; d += DAY) pastDays.push(d);
    for (const d of pastDays) pipe.hget(this.keys.cell(ALL, 'day', d), 'posts');
    const res = ((await pipe.exec()) ?? []).map((r) => r[1]);
    const minuteCounts = res.slice(0, list.length);
    const langs = (res[list.length] as (string | null)[] | undefined) ?? [];
    LANGS.forEach((l, j) => {
      this.langMix[l] = (this.langMix[l] ?? 0) * LANG_DECAY + Number(langs[j] ?? 0);
    });
    const hourCounts = closing ? res.slice(list.length + 1, 2 * list.length + 1) : [];
    let i = closing ? 2 * list.length + 1 : list.length + 1;
    list.forEach((t, j) => {
      const n = Number(minuteCounts[j] ?? 0);
      recordMinute(t.history, minute, n);
      const sum = closing ? Number(hourCounts[j] ?? 0) : (t.history.hours.get(hour) ?? 0) + n;
      if (sum > 0 || t.history.since !== null) record(t.history, hour, sum);
    });
    const terms = (res[i++] as string[] | undefined) ?? [];
    const fresh: Tracked[] = [];
    if (narratives)
      THEME_IDS.forEach((theme) => {
        for (const id of (res[i++] as string[] | undefined) ?? []) {
          const before = this.tracked.size;
          const t = this.track('narrative', id, theme, narrativeSeries(id));
          if (this.tracked.size > before) fresh.push(t);
        }
      });
    const imported = res.slice(i).some((v) => Number(v ?? 0) > 0);
    if (imported && !ready) {
      await this.bootstrap(
        [...this.tracked.values()].filter((t) => t.kind !== 'term'),
        minute,
      );
    } else if (fresh.length > 0) await this.bootstrap(fresh, minute, true);
    await this.readTerms(terms, minute, hour);
  }

  /** The most used terms of all posts this hour; their per-minute growth is a series. */
  private async readTerms(flat: string[], minute: number, hour: number): Promise<void> {
    const fresh: Tracked[] = [];
    for (let i = 0; i + 1 < flat.length; i += 2) {
      const term = flat[i] as string;
      const total = Number(flat[i + 1]);
      const before = this.tracked.size;
      const t = this.track('term', term, ALL, ALL);
      if (this.tracked.size > before) fresh.push(t);
      const seen = this.termSeen.get(term);
      this.termSeen.set(term, { total, minute });
      const grown = total - (seen?.total ?? 0);
      record(t.history, hour, (t.history.hours.get(hour) ?? 0) + grown);
      // Growth since the term was last read (or since the hour began) is spread over the
      // minutes in between: a term entering the watched top mid-hour is not a spike.
      const from = seen ? seen.minute + MINUTE : hour;
      const span = (minute - from) / MINUTE + 1;
      for (let m = from; m <= minute; m += MINUTE) recordMinute(t.history, m, grown / span);
    }
    if (fresh.length > 0) await this.bootstrapTerms(fresh, hour);
  }

  /**
   * The counts of every watched term in the day up to an hour that has ended, from the
   * hourly term lists: a term read only while it was among the hour's most used would keep
   * the hours it spent below them as hours without it, and its ordinary use would look
   * like a burst. The whole day: a word's uses before its k-th author of the day rest under
   * its keyed hash until that author comes, and then move to the word (vocabulary.ts).
   */
  private async correctTerms(hour: number): Promise<void> {
    const terms = [...this.tracked.values()].filter((t) => t.kind === 'term');
    if (terms.length === 0) return;
    const hours = Array.from({ length: 24 }, (_, i) => hour - (23 - i) * HOUR);
    const pipe = this.redis.pipeline();
    for (const t of terms) for (const h of hours) pipe.zscore(this.keys.terms(ALL, h), t.key);
    const res = (await pipe.exec()) ?? [];
    let i = 0;
    for (const t of terms)
      for (const h of hours) {
        const n = Number(res[i++]?.[1] ?? 0);
        if (n > (t.history.hours.get(h) ?? 0)) record(t.history, h, n);
      }
  }

  /** A newly watched term's past two days, from the hourly term sketches (kept 48 h). */
  private async bootstrapTerms(terms: Tracked[], hour: number): Promise<void> {
    const hours = Array.from({ length: 48 }, (_, i) => hour - (48 - i) * HOUR);
    await this.fillHistory(terms, hours, (pipe, t, h) => pipe.zscore(this.keys.terms(ALL, h), t.key));
  }

  /** Distinct authors of a series in these minutes (terms: in their hours). */
  async authors(t: Tracked, minutes: readonly number[]): Promise<number> {
    if (t.kind === 'term') {
      const hours = [...new Set(minutes.map((m) => Math.floor(m / HOUR) * HOUR))];
      return this.redis.pfcount(...hours.map((h) => this.keys.termAuthorsPrefix(ALL, h) + t.key));
    }
    return this.redis.pfcount(...minutes.map((m) => this.keys.cellAuthors(t.series, 'minute', m)));
  }

  /** Terms of a series this hour against the three hours before, used by ≥ k authors. */
  async movedTerms(series: string, at: number, k: number): Promise<{ term: string; count: number }[]> {
    const hour = Math.floor((at - 1) / HOUR) * HOUR;
    // A narrative's terms are kept per stance: read as their union.
    const own = termSeriesOf(series);
    const before = [1, 2, 3].map((i) => own.map((s) => this.keys.terms(s, hour - i * HOUR)));
    const nowKeys = own.map((s) => this.keys.terms(s, hour));
    const now = (await this.redis.call('ZUNION', nowKeys.length, ...nowKeys, 'WITHSCORES')) as string[];
    let cands: { term: string; count: number }[] = [];
    for (let i = 0; i + 1 < now.length; i += 2) cands.push({ term: now[i] as string, count: Number(now[i + 1]) });
    cands = cands.sort((a, b) => b.count - a.count).slice(0, 30);
    if (cands.length === 0) return [];
    const pipe = this.redis.pipeline();
    for (const c of cands) {
      for (const b of before) for (const key of b) pipe.zscore(key, c.term);
      pipe.pfcount(...own.map((s) => this.keys.termAuthorsPrefix(s, hour) + c.term));
    }
    const res = (await pipe.exec()) ?? [];
    const per = before.length * own.length + 1;
    return cands
      .map((c, i) => {
        let past = 0;
        for (let j = 0; j < per - 1; j++) past += Number(res[i * per + j]?.[1] ?? 0);
        past /= before.length;
        return { ...c, moved: c.count - past, authors: Number(res[i * per + per - 1]?.[1] ?? 0) };
      })
      .filter((c) => c.authors >= Math.max(k, 3) && c.moved > 0)
      .sort((a, b) => b.moved - a.moved)
      .slice(0, 8)
      .map(({ term, count }) => ({ term, count }));
  }
}
