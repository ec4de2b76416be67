import {
  ALL,
  type Alert,
  type AlertKind,
  BUCKET_MS,
  LANGS,
  type Lang,
  TARGET_IDS,
  THEME_IDS,
  type TenantKeys,
  guard,
  narrativeSeries,
  targetSeries,
  termSeriesOf,
} from '@trendwacht/shared';
import type { RedisClient } from '@trendwacht/shared/node';
import type { ChainableCommander } from 'ioredis';
import {
  type BaselineOptions,
  type Expectation,
  type History,
  emptyHistory,
  historyDays,
  ownExpectation,
  record,
  shareExpectation,
  trim,
} from './baseline';
import { surprise } from './count-model';
import { type EpisodeEvent, type EpisodeOptions, Episodes, isBurst } from './episodes';
import type { NarrativeIndex } from './narratives';

/** Version of the detector; alerts carry it next to the analysis version. */
export const DETECTOR_VERSION = 'd1';

const MINUTE = BUCKET_MS.minute;
const HOUR = BUCKET_MS.hour;

export type DetectorOptions = BaselineOptions &
  EpisodeOptions & {
    /** Minutes summed into the window compared with the baseline. */
    windowMin: number;
    /** Terms of all posts watched per hour for emerging terms. */
    watchTerms: number;
    /** Alerts kept (older ones are forgotten). */
    keepAlerts: number;
  };

export const DEFAULT_DETECTOR: DetectorOptions = {
  windowMin: 10,
  days: 7,
  weeks: 4,
  warmupDays: 2,
  minExpected: 0.5,
  threshold: 6,
  minRatio: { theme: 2, target: 2, narrative: 2, term: 4 },
  minPosts: 8,
  k: 5,
  closeAfterMin: 30,
  watchTerms: 60,
  keepAlerts: 2000,
};

type Tracked = {
  kind: AlertKind | 'all';
  key: string;
  theme: string;
  /** The aggregate series it is read from (`all` for terms: their words are all posts'). */
  series: string;
  history: History;
  minutes: Map<number, number>;
};

export type DetectorDeps = {
  redis: RedisClient;
  keys: TenantKeys;
  options?: Partial<DetectorOptions>;
  analysisVersion: string;
  narratives?: NarrativeIndex;
};

/**
 * Compares, every minute, each series' last `windowMin` minutes with its baseline (same
 * hour of the week and trailing days, negative-binomial surprise) and turns bursts into
 * alert episodes with receipts built from aggregates only. Runs in event time: `tick(m)`
 * is called once minute `m` is complete, by the live loop or by a replay.
 */
export class TrendDetector {
  o: DetectorOptions;
  private readonly episodes: Episodes;
  private readonly tracked = new Map<string, Tracked>();
  private readonly all: Tracked;
  private termHour = -1;
  private readonly termSeen = new Map<string, { total: number; minute: number }>();
  private ticks = 0;

  constructor(private readonly d: DetectorDeps) {
    this.o = { ...DEFAULT_DETECTOR, ...d.options };
    this.episodes = new Episodes(this.o);
    this.all = this.track('all', ALL, ALL, ALL);
    for (const t of THEME_IDS) this.track('theme', t, t, t);
    for (const t of TARGET_IDS) this.track('target', t, 'hate', targetSeries(t));
  }
  /** Changes options at run time (a tenant's sensitivity and k). */
  configure(options: Partial<DetectorOptions>): void {
    this.o = { ...this.o, ...options };
  }

  private track(kind: Tracked['kind'], key: string, theme: string, series: string): Tracked {
    const id = `${kind}\u0000${key}`;
    let t = this.tracked.get(id);
    if (!t) {
      t = { kind, key, theme, series, history: emptyHistory(), minutes: new Map() };
      this.tracked.set(id, t);
    }
    return t;
  }

  /** Reads back open episodes and the hourly past of the fixed series (after a restart). */
  async init(now: number): Promise<void> {
    const raw = await this.d.redis.hvals(this.d.keys.alerts);
    for (const json of raw) {
      const a = JSON.parse(json) as Alert;
      if (a.status !== 'open') continue;
      this.episodes.restore(a.kind, a.key, a.id, a.severity, a.detectedAt, {
        kind: a.kind,
        key: a.key,
        observed: a.observed,
        expected: a.expected,
        score: a.score,
        windowStart: a.windowStart,
        windowEnd: a.windowEnd,
      });
      if (a.kind === 'narrative') this.track('narrative', a.key, a.theme, narrativeSeries(a.key));
    }
    await this.bootstrap([...this.tracked.values()], now);
  }

  /**
   * Whether Redis holds posts from days before the detector's known history — posts
   * imported with their own past dates after it started. One cheap read per minute (a day
   * cell of `all` per day of the baseline's span).
   */
  private async importedHistory(now: number): Promise<boolean> {
    const span = Math.max(this.o.weeks * 7, this.o.days) + 1;
    const day = BUCKET_MS.day;
    const knownDay = Math.floor((this.all.history.since ?? now) / day) * day;
    const pipe = this.d.redis.pipeline();
    let n = 0;
    for (let d = knownDay - span * day; d < knownDay; d += day, n++)
      pipe.hget(this.d.keys.cell(ALL, 'day', d), 'posts');
    if (n === 0) return false;
    const res = (await pipe.exec()) ?? [];
    return res.some(([, v]) => Number(v ?? 0) > 0);
  }

  private async bootstrap(series: Tracked[], now: number): Promise<void> {
    const span = Math.max(this.o.weeks * 7, this.o.days) + 1;
    const first = Math.floor(now / HOUR) * HOUR - span * 24 * HOUR;
    const hours: number[] = [];
    for (let h = first; h < Math.floor(now / HOUR) * HOUR; h += HOUR) hours.push(h);
    await this.fillHistory(series, hours, (pipe, s, h) => pipe.hget(this.d.keys.cell(s.series, 'hour', h), 'posts'));
  }

  /** Reads one count per series and hour (in one round trip) into the series' histories. */
  private async fillHistory(
    series: Tracked[],
    hours: number[],
    read: (pipe: ChainableCommander, s: Tracked, hour: number) => unknown,
  ): Promise<void> {
    const pipe = this.d.redis.pipeline();
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

  /** Minute `minute` (its start) is complete: read it, evaluate, return what changed. */
  /** Whether the detector has the history it needs to judge (warmupDays of posts). */
  ready(minute: number): boolean {
    return historyDays(this.all.history, minute) >= this.o.warmupDays;
  }

  async tick(minute: number): Promise<Alert[]> {
    this.ticks++;
    // Until it has enough history, it looks each minute for posts imported with their own
    // past dates (a CSV of last month, the demo's week) and reads them in: they become the
    // baseline without a restart.
    if (!this.ready(minute) && (await this.importedHistory(minute))) {
      await this.bootstrap(
        [...this.tracked.values()].filter((t) => t.kind !== 'term'),
        minute,
      );
    }
    await this.discoverNarratives(minute);
    await this.readMinute(minute);
    await this.readTerms(minute);
    const windowMinutes = Array.from(
      { length: this.o.windowMin },
      (_, i) => minute - (this.o.windowMin - 1 - i) * MINUTE,
    );
    const out: Alert[] = [];
    const allOwn = ownExpectation(this.all.history, windowMinutes, this.o);
    const ready = this.ready(minute);
    for (const t of this.tracked.values()) {
      if (t.kind === 'all') continue;
      const observed = Math.round(windowMinutes.reduce((a, m) => a + (t.minutes.get(m) ?? 0), 0));
      const kind = t.kind;
      const open = this.episodes.isOpen(kind, t.key);
      if (!ready || (!open && observed < this.o.minPosts)) continue;
      const e: Expectation =
        t.kind !== 'term' && historyDays(t.history, minute) >= this.o.warmupDays
          ? ownExpectation(t.history, windowMinutes, this.o)
          : shareExpectation(t.history, this.all.history, allOwn, minute, this.o);
      const reading = {
        kind,
        key: t.key,
        observed,
        expected: e.expected,
        score: round(surprise(observed, e.expected, e.size)),
        windowStart: windowMinutes[0] as number,
        windowEnd: minute + MINUTE,
      };
      if (!open && !isBurst(reading, this.o)) continue;
      const authors = await this.authors(t, windowMinutes);
      const ev = this.episodes.step(reading, authors, minute);
      if (ev) out.push(await this.save(ev, t, e, authors, minute));
    }
    if (this.ticks % 60 === 0) await this.housekeeping(minute);
    return out;
  }

  private async discoverNarratives(minute: number): Promise<void> {
    if (!this.d.narratives) return;
    const pipe = this.d.redis.pipeline();
    for (const theme of THEME_IDS) pipe.zrevrange(this.d.keys.narrativesRecent(theme), 0, 19);
    const res = (await pipe.exec()) ?? [];
    const fresh: Tracked[] = [];
    THEME_IDS.forEach((theme, i) => {
      for (const id of (res[i]?.[1] as string[] | undefined) ?? []) {
        const before = this.tracked.size;
        const t = this.track('narrative', id, theme, narrativeSeries(id));
        if (this.tracked.size > before) fresh.push(t);
      }
    });
    if (fresh.length > 0) await this.bootstrap(fresh, minute);
  }

  private async readMinute(minute: number): Promise<void> {
    const list = [...this.tracked.values()].filter((t) => t.kind !== 'term');
    const hour = Math.floor(minute / HOUR) * HOUR;
    const pipe = this.d.redis.pipeline();
    for (const t of list) pipe.hget(this.d.keys.cell(t.series, 'minute', minute), 'posts');
    // At each hour's last minute, the hour's own cell corrects for posts that came late.
    const closing = minute + MINUTE === hour + HOUR;
    if (closing) for (const t of list) pipe.hget(this.d.keys.cell(t.series, 'hour', hour), 'posts');
    const res = (await pipe.exec()) ?? [];
    list.forEach((t, i) => {
      const n = Number(res[i]?.[1] ?? 0);
      t.minutes.set(minute, n);
      t.minutes.delete(minute - this.o.windowMin * MINUTE);
      const sum = closing ? Number(res[list.length + i]?.[1] ?? 0) : (t.history.hours.get(hour) ?? 0) + n;
      if (sum > 0 || t.history.since !== null) record(t.history, hour, sum);
    });
  }

  /** Watches the most used terms of all posts this hour; their per-minute growth is a series. */
  private async readTerms(minute: number): Promise<void> {
    const hour = Math.floor(minute / HOUR) * HOUR;
    if (hour !== this.termHour) {
      this.termHour = hour;
      this.termSeen.clear();
    }
    const flat = await this.d.redis.zrevrange(this.d.keys.terms(ALL, hour), 0, this.o.watchTerms - 1, 'WITHSCORES');
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
      for (let m = from; m <= minute; m += MINUTE) t.minutes.set(m, grown / span);
    }
    const oldest = minute - (this.o.windowMin - 1) * MINUTE;
    for (const t of this.tracked.values()) {
      if (t.kind === 'term') for (const m of t.minutes.keys()) if (m < oldest) t.minutes.delete(m);
    }
    if (fresh.length > 0) await this.bootstrapTerms(fresh, hour);
  }

  /** A newly watched term's past two days, from the hourly term sketches (kept 48 h). */
  private async bootstrapTerms(terms: Tracked[], hour: number): Promise<void> {
    const hours = Array.from({ length: 48 }, (_, i) => hour - (48 - i) * HOUR);
    await this.fillHistory(terms, hours, (pipe, t, h) => pipe.zscore(this.d.keys.terms(ALL, h), t.key));
  }

  private async authors(t: Tracked, minutes: readonly number[]): Promise<number> {
    if (t.kind === 'term') {
      const hours = [...new Set(minutes.map((m) => Math.floor(m / HOUR) * HOUR))];
      return this.d.redis.pfcount(...hours.map((h) => this.d.keys.termAuthorsPrefix(ALL, h) + t.key));
    }
    return this.d.redis.pfcount(...minutes.map((m) => this.d.keys.cellAuthors(t.series, 'minute', m)));
  }

  private async save(ev: EpisodeEvent, t: Tracked, e: Expectation, authors: number, minute: number): Promise<Alert> {
    const { redis, keys } = this.d;
    const r = ev.reading;
    const previous = await redis.hget(keys.alerts, ev.id);
    const before = previous ? (JSON.parse(previous) as Alert) : null;
    const detail = ev.type === 'close' && before ? null : await this.detail(t, r.windowStart, r.windowEnd);
    const alert: Alert = {
      ...(before ?? {}),
      id: ev.id,
      kind: r.kind,
      key: r.key,
      theme: t.theme,
      status: ev.type === 'close' ? 'closed' : 'open',
      severity: ev.severity,
      windowStart: r.windowStart,
      windowEnd: r.windowEnd,
      detectedAt: before?.detectedAt ?? minute + MINUTE,
      updatedAt: minute + MINUTE,
      ...(ev.type === 'close' ? { closedAt: minute + MINUTE } : {}),
      observed: r.observed,
      expected: round(r.expected),
      ratio: round(r.observed / r.expected),
      score: r.score,
      baseline: { method: e.method, weeks: e.weeks, days: e.days, dispersion: round(Math.min(e.size, 1e6)) },
      terms: detail?.terms ?? before?.terms ?? [],
      distinctAuthors: ev.type === 'close' && before ? before.distinctAuthors : authors,
      postsPerAuthor: round(r.observed / Math.max(1, authors)),
      amplification: r.observed >= 3 * Math.max(1, authors),
      ...(detail?.lang ? { lang: detail.lang } : {}),
      ...(detail?.sources ? { sources: detail.sources } : {}),
      versions: { analysis: this.d.analysisVersion, detector: DETECTOR_VERSION },
    };
    await redis
      .multi()
      .hset(keys.alerts, alert.id, JSON.stringify(alert))
      .zadd(keys.alertsLog, alert.detectedAt, alert.id)
      .publish(keys.events, JSON.stringify({ type: 'alert', id: alert.id, event: ev.type, at: alert.updatedAt }))
      .exec();
    return alert;
  }

  /** The receipt's aggregate details: language and source split, the terms that moved most. */
  private async detail(t: Tracked, from: number, to: number) {
    const { redis, keys } = this.d;
    const k = this.o.k;
    const minutes: number[] = [];
    for (let m = from; m < to; m += MINUTE) minutes.push(m);
    if (t.kind === 'term')
      return { terms: [{ term: t.key, count: t.history.hours.get(Math.floor(from / HOUR) * HOUR) ?? 0 }] };
    const pipe = redis.pipeline();
    for (const m of minutes) pipe.hgetall(keys.cell(t.series, 'minute', m));
    const res = (await pipe.exec()) ?? [];
    const sums = new Map<string, number>();
    for (const [, v] of res)
      for (const [f, n] of Object.entries((v ?? {}) as Record<string, string>))
        sums.set(f, (sums.get(f) ?? 0) + Number(n));
    const authors = await redis.pfcount(...minutes.map((m) => keys.cellAuthors(t.series, 'minute', m)));
    const lang = Object.fromEntries(LANGS.map((l: Lang) => [l, guard(sums.get(`lang:${l}`) ?? 0, authors, k)]));
    const sources: Record<string, number | null> = {};
    for (const [f, n] of sums) if (f.startsWith('src:')) sources[f.slice(4)] = guard(n, authors, k);
    return { lang, sources, terms: await this.movedTerms(t.kind === 'target' ? t.theme : t.series, to) };
  }

  /** Terms of a series this hour against the three hours before, used by ≥ k authors. */
  private async movedTerms(series: string, at: number) {
    const { redis, keys } = this.d;
    const hour = Math.floor((at - 1) / HOUR) * HOUR;
    // A narrative's terms are kept per stance: read as their union.
    const own = termSeriesOf(series);
    const before = [1, 2, 3].map((i) => own.map((s) => keys.terms(s, hour - i * HOUR)));
    const nowKeys = own.map((s) => keys.terms(s, hour));
    const now = (await redis.call('ZUNION', nowKeys.length, ...nowKeys, 'WITHSCORES')) as string[];
    let cands: { term: string; count: number }[] = [];
    for (let i = 0; i + 1 < now.length; i += 2) cands.push({ term: now[i] as string, count: Number(now[i + 1]) });
    cands = cands.sort((a, b) => b.count - a.count).slice(0, 30);
    if (cands.length === 0) return [];
    const pipe = redis.pipeline();
    for (const c of cands) {
      for (const b of before) for (const k of b) pipe.zscore(k, c.term);
      pipe.pfcount(...own.map((s) => keys.termAuthorsPrefix(s, hour) + c.term));
    }
    const res = (await pipe.exec()) ?? [];
    const perHour = own.length;
    const per = before.length * perHour + 1;
    return cands
      .map((c, i) => {
        let past = 0;
        for (let j = 0; j < before.length * perHour; j++) past += Number(res[i * per + j]?.[1] ?? 0);
        past /= before.length;
        return { ...c, moved: c.count - past, authors: Number(res[i * per + per - 1]?.[1] ?? 0) };
      })
      .filter((c) => c.authors >= Math.max(this.o.k, 3))
      .sort((a, b) => b.moved - a.moved)
      .slice(0, 8)
      .map(({ term, count }) => ({ term, count }));
  }

  /** Hourly: trims what is kept, forgets quiet terms and narratives, merges look-alikes. */
  private async housekeeping(minute: number): Promise<void> {
    for (const [id, t] of this.tracked) {
      trim(t.history, minute, this.o);
      // Terms and narratives nobody used for two days are no longer watched.
      let quiet = true;
      for (const [h, n] of t.history.hours) if (n > 0 && h >= minute - 48 * HOUR) quiet = false;
      if ((t.kind === 'term' || t.kind === 'narrative') && quiet && !this.episodes.isOpen(t.kind, t.key)) {
        this.tracked.delete(id);
      }
    }
    if (this.d.narratives) {
      for (const theme of THEME_IDS) await this.d.narratives.mergeSimilar(theme);
    }
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

const round = (x: number) => Math.round(x * 1000) / 1000;
