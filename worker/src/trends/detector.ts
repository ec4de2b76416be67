import {
  type Alert,
  BUCKET_MS,
  PHRASE_JOIN,
  TARGET_IDS,
  THEME_IDS,
  type TenantKeys,
  narrativeSeries,
  targetSeries,
} from '@trendwacht/shared';
import type { RedisClient } from '@trendwacht/shared/node';
import { dailyPattern } from '../background/daily';
import { AffinityMeter, storyTerms, withWords } from './affinity';
import { type Expectation, historyDays, ownExpectation, recentExpectation, shareExpectation, trim } from './baseline';
import { DEFAULT_DETECTOR, DETECTOR_VERSION, type DetectorOptions } from './detector-options';
import { Feedback } from './feedback';
import { MovedWords } from './moved-words';
import type { NarrativeIndex } from './narratives';
import { Novelty } from './novelty';
import { SeriesReader, type Tracked } from './series-reader';
import { type Burst, Stories, type Story } from './stories';
import { StoryAlerts } from './story-alert';
import { strongest, windowsAt } from './windows';

const MINUTE = BUCKET_MS.minute;
const HOUR = BUCKET_MS.hour;
/** A word in fewer posts than this in ordinary language is rare (the scan correction's words). */
const RARE_SHARE = 0.001;

export type DetectorDeps = {
  redis: RedisClient;
  keys: TenantKeys;
  options?: Partial<DetectorOptions>;
  analysisVersion: string;
  narratives?: NarrativeIndex;
};

/**
 * Every minute, compares each series' last `windowMin` minutes with what it should be —
 * its daily rhythm once it has `warmupDays` of history; before that, and always for terms,
 * its share of all posts (smoothed towards a background share, so a word never seen is
 * news) times the level of all posts — and groups the bursts into stories: one story, one
 * alert, with a receipt built from aggregates only. Runs in event time: `tick(m)` is
 * called once minute `m` is complete, by the live loop or by a replay.
 */
export class TrendDetector {
  o: DetectorOptions;
  private readonly reader: SeriesReader;
  private readonly stories: Stories;
  private readonly feedback: Feedback;
  private readonly alerts: StoryAlerts;
  private readonly meter: AffinityMeter;
  private readonly novelty: Novelty;
  /** The words that moved in a series when it last burst (terms: itself). */
  private readonly moved: MovedWords;
  private ticks = 0;
  private daily: { zone: string; at: (minute: number) => number } | null = null;
  /** When each story's alert was last written (an extension is written at most every 5 min). */
  private readonly saved = new Map<string, number>();

  constructor(private readonly d: DetectorDeps) {
    this.o = { ...DEFAULT_DETECTOR, ...d.options };
    this.reader = new SeriesReader(d.redis, d.keys, () => this.o);
    for (const t of THEME_IDS) this.reader.track('theme', t, t, t);
    for (const t of TARGET_IDS) this.reader.track('target', t, 'hate', targetSeries(t));
    this.stories = new Stories({ ...this.o, threshold: this.o.threshold });
    this.feedback = new Feedback(d.redis, d.keys);
    this.moved = new MovedWords(this.reader);
    this.alerts = new StoryAlerts(d.redis, d.keys, {
      options: () => this.o,
      analysisVersion: d.analysisVersion,
      version: DETECTOR_VERSION,
      movedOf: (kind, key) => this.moved.of(kind, key),
      tracked: (kind, key) => this.reader.get(kind, key),
      all: () => this.reader.all,
      words: {
        filler: (phrase) => this.novelty.filler(phrase),
        distinct: (phrase, count) => this.novelty.distinct(phrase, count, this.reader.all.history),
      },
      timeZone: () => this.o.timeZone,
    });
    this.meter = new AffinityMeter(
      d.redis,
      d.keys,
      (kind, key) => this.moved.words(kind, key),
      undefined,
      (w) => this.novelty.filler(w),
      (w) => this.novelty.telling(w, this.streamShare(w)),
    );
    this.novelty = new Novelty(
      () => this.reader.langMix,
      () => this.o,
    );
  }
  /** Changes options at run time (a tenant's sensitivity and k). */
  configure(options: Partial<DetectorOptions>): void {
    this.o = { ...this.o, ...options };
  }

  /** Reads back open stories and the hourly past of the fixed series (after a restart). */
  async init(now: number): Promise<void> {
    for (const s of await this.alerts.restore()) {
      this.stories.restore(s);
      for (const m of s.members.values())
        if (m.kind === 'narrative') this.reader.track('narrative', m.key, m.theme, narrativeSeries(m.key));
    }
    await this.reader.bootstrap([...this.reader.list()], now);
    await this.feedback.refresh(now);
  }

  /** Whether the detector knows the daily rhythm (warmupDays of posts). */
  ready(minute: number): boolean {
    return historyDays(this.reader.all.history, minute) >= this.o.warmupDays;
  }

  async tick(minute: number): Promise<Alert[]> {
    this.ticks++;
    await this.reader.read(minute, this.ready(minute), this.d.narratives !== undefined);
    const ready = this.ready(minute);
    const all = this.reader.all.history;
    const windows = windowsAt(minute, this.o.windowMin, this.o.longWindowsMin);
    // Before the daily rhythm is known, the level of the last hours (a new deployment
    // alerts on its first incident); nothing is judged in its first `coldStartMin`.
    const pattern = this.pattern();
    const levels = windows.map((w) =>
      ready ? ownExpectation(all, w, this.o) : recentExpectation(all, w, this.o, pattern),
    );
    const allNow = levels[0] ?? null;
    const bursts: Burst[] = [];
    if (allNow) {
      // Fewest posts scale with the stream: √(posts expected in the window), at least minPosts.
      const minPosts = Math.max(this.o.minPosts, Math.ceil(Math.sqrt(allNow.expected)));
      const o = { ...this.o, minPosts };
      const hour = Math.floor(minute / HOUR) * HOUR;
      for (const t of this.reader.list()) {
        // Cheap first: a series with fewer posts this hour and the last than a burst needs.
        if ((t.history.hours.get(hour) ?? 0) + (t.history.hours.get(hour - HOUR) ?? 0) < minPosts) continue;
        // The scan correction holds only for words ordinary language says are rare (WindowOptions).
        const scan = o.scanCorrection && t.kind === 'term' && this.novelty.prior(t.key) < RARE_SHARE;
        const b = strongest(
          t,
          this.reader.all.history,
          windows,
          levels,
          minute,
          { ...o, scanCorrection: scan },
          (w, level) => this.expect(t, w, level, ready, minute),
        );
        if (!b || !this.feedback.passes(b.reading, minute)) continue;
        const authors = await this.reader.authors(t, b.minutes);
        if (authors < this.o.k) continue;
        await this.moved.note(t, minute, this.o.k);
        // A common word joins a story, never opens one (novelty against ordinary language);
        // nor does a narrative with no word of k authors yet: nothing a person could read.
        const seeds =
          t.kind === 'term'
            ? this.novelty.seeds(t.key, b.reading.observed, b.all)
            : t.kind !== 'narrative' || this.describable(this.moved.words(t.kind, t.key));
        bursts.push({ reading: b.reading, theme: t.theme, authors, seeds, drifted: this.drifted(t) });
        this.alerts.remember(b.reading, b.e, authors);
      }
    }
    await this.feedback.sync(this.stories, minute);
    const events = await this.stories.step(bursts, minute, (b, s) => this.meter.affinity(b, s, minute));
    for (const ev of events) if (ev.type !== 'close') this.pin(ev.story, ev.reading.kind, ev.reading.key);
    const out: Alert[] = [];
    for (const ev of events) {
      if (ev.type === 'extend' && !ev.joined && minute - (this.saved.get(ev.story.id) ?? 0) < 5 * MINUTE) continue;
      this.saved.set(ev.story.id, minute);
      const a = await this.alerts.save(ev, minute, (t, mins) => this.expect(t, mins, allNow, ready, minute));
      if (a && ev.type !== 'extend' && !this.feedback.snoozed(ev.story.id, minute)) out.push(a);
    }
    if (this.ticks % 60 === 0) await this.housekeeping(minute);
    return out;
  }

  /** What a series should show in these minutes (see the class comment). */
  private expect(
    t: Tracked,
    minutes: readonly number[],
    allNow: Expectation | null,
    ready: boolean,
    minute: number,
  ): Expectation {
    if (ready && t.kind !== 'term' && historyDays(t.history, minute) >= this.o.warmupDays)
      return ownExpectation(t.history, minutes, this.o);
    const level =
      allNow ??
      recentExpectation(this.reader.all.history, minutes, { ...this.o, coldStartMin: 0 }, this.pattern()) ??
      ({ expected: this.o.minExpected, size: 1e6, method: 'recent', weeks: 0, days: 0 } as Expectation);
    if (t.kind === 'term')
      return shareExpectation(
        t.history,
        this.reader.all.history,
        level,
        minutes,
        this.o,
        this.novelty.prior(t.key),
        this.o,
      );
    return shareExpectation(t.history, this.reader.all.history, level, minutes, this.o);
  }

  /**
   * May a narrative with these moved words open a story? Only with a telling word: one of k
   * authors that is not filler nor the stream's everyday talk (a new narrative of posts
   * about stolen bikes, which the town writes every day, is no news). Its phrases (words
   * joined by PHRASE_JOIN) count through their words.
   */
  private describable(words: readonly string[]): boolean {
    return (
      this.novelty.describable(words) &&
      words.some((w) => !w.includes(PHRASE_JOIN) && this.novelty.telling(w, this.streamShare(w)))
    );
  }

  /** Words of a story: they stay what it was told with (Story.words), the words of the burst added. */
  private pin(s: Story, kind: string, key: string): void {
    const words = s.words ?? storyTerms(s, (k, x) => this.moved.words(k, x));
    for (const w of this.moved.words(kind, key)) if (!words.includes(w)) words.push(w);
    s.words = words.slice(0, 24);
  }

  /**
   * Whether a narrative of a story asleep now bursts with words that share nothing telling
   * with the story's: it speaks of something else now (a narrative gathers the posts that
   * resemble it, whatever they are about) and does not wake that story. Terms never drift.
   */
  private drifted(t: Tracked): boolean {
    if (t.kind === 'term') return false;
    const s = this.stories.of(t.kind, t.key);
    if (s?.state !== 'dormant' || !s.words?.length) return false;
    const telling = (ws: readonly string[]) =>
      withWords(ws, (w) => this.novelty.filler(w)).filter((w) => this.novelty.telling(w, this.streamShare(w)));
    const now = telling(this.moved.words(t.kind, t.key));
    const theirs = new Set(telling(s.words));
    return !now.some((w) => theirs.has(w));
  }

  /** The ordinary daily rhythm in the tenant's time zone (undefined: `diurnal` off). */
  private pattern(): ((minute: number) => number) | undefined {
    if (!this.o.diurnal) return undefined;
    if (this.daily?.zone !== this.o.timeZone) this.daily = { zone: this.o.timeZone, at: dailyPattern(this.o.timeZone) };
    return this.daily.at;
  }

  /**
   * A watched word's share of all posts in the stream's everyday talk: the two days before
   * the last three hours (an incident's own words are not everyday because it made them
   * frequent). Null: not watched.
   */
  private streamShare(word: string): number | null {
    const t = this.reader.get('term', word);
    if (!t) return null;
    const now = Math.max(0, ...this.reader.all.history.hours.keys());
    let mine = 0;
    let all = 0;
    for (let h = now - 50 * HOUR; h < now - 2 * HOUR; h += HOUR) {
      mine += t.history.hours.get(h) ?? 0;
      all += this.reader.all.history.hours.get(h) ?? 0;
    }
    return all > 0 ? mine / all : null;
  }

  /** Hourly: trims what is kept, forgets quiet terms and narratives, merges look-alikes. */
  private async housekeeping(minute: number): Promise<void> {
    this.reader.prune(minute);
    for (const t of this.reader.list()) {
      trim(t.history, minute, this.o);
      // Terms and narratives nobody used for two days are no longer watched.
      let quiet = true;
      for (const [h, n] of t.history.hours) if (n > 0 && h >= minute - 48 * HOUR) quiet = false;
      if ((t.kind === 'term' || t.kind === 'narrative') && quiet && !this.stories.of(t.kind, t.key))
        this.reader.forget(t);
    }
    this.moved.prune(minute);
    for (const [id, at] of this.saved) if (minute - at > 48 * HOUR) this.saved.delete(id);
    if (this.d.narratives) {
      for (const theme of THEME_IDS) await this.d.narratives.mergeSimilar(theme);
    }
    await this.feedback.refresh(minute);
    const n = await this.d.redis.zcard(this.d.keys.alertsLog);
    if (n > this.o.keepAlerts) {
      const old = await this.d.redis.zrange(this.d.keys.alertsLog, 0, n - this.o.keepAlerts - 1);
      await this.d.redis
        .multi()
        .zrem(this.d.keys.alertsLog, ...old)
        .hdel(this.d.keys.alerts, ...old)
        .exec();
    }
  }
}
