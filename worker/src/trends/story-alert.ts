import { createHash } from 'node:crypto';
import {
  ALL,
  type Alert,
  type AlertKind,
  BUCKET_MS,
  type ChartPoint,
  LANGS,
  type Lang,
  type TenantKeys,
  guard,
} from '@trendwacht/shared';
import type { RedisClient } from '@trendwacht/shared/node';
import { luaScript } from '../lua';
import type { Expectation } from './baseline';
import { nbQuantile } from './count-model';
import type { Reading } from './episodes';
import { readableTerms } from './readable-terms';
import type { Tracked } from './series-reader';
import { type Member, type Story, type StoryEvent, memberId } from './stories';
import { type TitleDeps, storyTitle } from './title';

const MINUTE = BUCKET_MS.minute;
const HOUR = BUCKET_MS.hour;
/** Bins of the receipt's chart (each `windowMin` minutes): two hours at the default. */
const CHART_BINS = 12;
/** The band around the expectation: 99.9 % of windows fall inside it under the baseline. */
const BAND = 0.001;

/**
 * Writes the alert of a story, keeping what people decided about it (triage): the
 * detector and the dashboard may write the same alert at the same moment.
 */
const SAVE = luaScript('story-save');

type Deps = {
  options: () => { k: number; windowMin: number; threshold: number };
  analysisVersion: string;
  version: string;
  movedOf: (kind: string, key: string) => { term: string; count: number }[];
  tracked: (kind: string, key: string) => Tracked | undefined;
  all: () => Tracked;
  /** Filler and distinctiveness of phrases (novelty.ts), for titles. */
  words: Pick<TitleDeps, 'filler' | 'distinct'>;
  /** The tenant's time zone (settings), in which receipts show times. */
  timeZone: () => string;
};

type Expect = (t: Tracked, minutes: readonly number[]) => Expectation;

/** Story → alert with its receipt, from aggregates only; every count in it has ≥ k authors. */
export class StoryAlerts {
  private readonly last = new Map<string, { e: Expectation; authors: number }>();

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: TenantKeys,
    private readonly d: Deps,
  ) {}

  /** A member's latest burst: its baseline and authors, for the receipt. */
  remember(r: Reading, e: Expectation, authors: number): void {
    this.last.set(memberId(r.kind, r.key), { e, authors });
  }

  /** Open stories saved before a restart. */
  async restore(): Promise<Story[]> {
    const out: Story[] = [];
    for (const json of await this.redis.hvals(this.keys.alerts)) {
      const a = JSON.parse(json) as Alert;
      if (a.status !== 'open' || !a.story) continue;
      const peak: Reading = {
        kind: a.kind,
        key: a.key,
        observed: a.observed,
        expected: a.expected,
        score: a.score,
        windowStart: a.windowStart,
        windowEnd: a.windowEnd,
      };
      const members = new Map<string, Member>();
      for (const m of a.story.members)
        members.set(memberId(m.kind, m.key), {
          ...m,
          firstAt: a.detectedAt,
          lastAt: a.updatedAt,
          peak: { ...peak, kind: m.kind, key: m.key },
          seeds: true,
        });
      const lead = members.get(memberId(a.kind, a.key)) ?? {
        kind: a.kind,
        key: a.key,
        theme: a.theme,
        firstAt: a.detectedAt,
        lastAt: a.updatedAt,
        peak,
      };
      out.push({
        id: a.id,
        openedAt: a.detectedAt - MINUTE,
        lastBurstAt: a.updatedAt - MINUTE,
        severity: a.severity,
        lead,
        members,
        state: 'open',
        closedAt: null,
        linkedTo: a.story.linkedTo,
        words: a.story.terms,
      });
    }
    return out;
  }

  async save(ev: StoryEvent, minute: number, expect: Expect): Promise<Alert | null> {
    const s = ev.story;
    const r = ev.reading;
    const before = await this.redis.hget(this.keys.alerts, s.id).then((j) => (j ? (JSON.parse(j) as Alert) : null));
    const seen = this.last.get(memberId(r.kind, r.key));
    const t = this.d.tracked(r.kind, r.key);
    const closing = ev.type === 'close';
    const e = seen?.e;
    const changed = ev.type !== 'extend';
    const k = this.d.options().k;
    const detail = closing && before ? null : t ? await this.detail(t, r, minute, expect) : null;
    const phrase = closing && before ? (before.story?.title ?? null) : await this.phrase(s, minute);
    const { triage: _kept, ...prior } = before ?? ({} as Partial<Alert>);
    const alert: Alert = {
      ...prior,
      id: s.id,
      kind: s.lead.kind,
      key: s.lead.key,
      theme: s.lead.theme,
      status: closing ? 'closed' : 'open',
      severity: s.severity,
      windowStart: r.windowStart,
      windowEnd: r.windowEnd,
      detectedAt: before?.detectedAt ?? s.openedAt + MINUTE,
      updatedAt: changed || !before ? minute + MINUTE : before.updatedAt,
      ...(closing ? { closedAt: minute + MINUTE } : {}),
      observed: r.observed,
      expected: round(r.expected),
      ratio: round(r.observed / r.expected),
      score: r.score,
      baseline: e
        ? { method: e.method, weeks: e.weeks, days: e.days, dispersion: round(Math.min(e.size, 1e6)) }
        : (before?.baseline ?? { method: 'share', weeks: 0, days: 0, dispersion: 1e6 }),
      terms: this.storyTerms(s),
      distinctAuthors: closing && before ? before.distinctAuthors : Math.max(seen?.authors ?? 0, k),
      postsPerAuthor: round(r.observed / Math.max(1, seen?.authors ?? r.observed)),
      amplification: r.observed >= 3 * Math.max(1, seen?.authors ?? r.observed),
      ...(detail?.lang ? { lang: detail.lang } : {}),
      ...(detail?.sources ? { sources: detail.sources } : {}),
      ...(detail?.chart ? { chart: detail.chart } : {}),
      versions: { analysis: this.d.analysisVersion, detector: this.d.version },
      timeZone: this.d.timeZone(),
      story: this.storyOf(s, phrase, detail?.lang ?? before?.lang, before?.story?.reopened ?? 0, ev.type === 'reopen'),
    };
    if (closing && before) alert.severity = before.severity;
    const event = ev.type === 'reopen' ? 'escalate' : ev.type === 'extend' ? 'extend' : ev.type;
    await evalCached(
      this.redis,
      SAVE,
      this.keys.alerts,
      this.keys.alertsLog,
      this.keys.events,
      alert.id,
      JSON.stringify(alert),
      alert.detectedAt,
      JSON.stringify({ type: 'alert', id: alert.id, event, at: alert.updatedAt }),
    );
    return before?.triage ? { ...alert, triage: before.triage } : alert;
  }

  /** The story's words with their counts, strongest first (each used by ≥ k authors). */
  private storyTerms(s: Story): { term: string; count: number }[] {
    return readableTerms(s, this.d.movedOf);
  }

  /** The story's title phrase (title.ts). */
  private phrase(s: Story, minute: number): Promise<string | null> {
    const k = this.d.options().k;
    return storyTitle({ redis: this.redis, keys: this.keys, k, ...this.d.words }, this.storyTerms(s), minute);
  }

  private storyOf(
    s: Story,
    title: string | null,
    lang: Alert['lang'] | undefined,
    reopened: number,
    again: boolean,
  ): Alert['story'] {
    const terms = this.storyTerms(s);
    const members = [...s.members.values()];
    const of = (kind: AlertKind) => [...new Set(members.filter((m) => m.kind === kind).map((m) => m.key))];
    const themes = new Set(of('theme'));
    for (const m of members) if (m.kind === 'narrative' && m.theme !== ALL) themes.add(m.theme);
    // The title: its phrase, else a phrase among its words, else its strongest word.
    const phrase = title ?? terms.find((t) => t.term.includes(' '))?.term;
    return {
      title: phrase ?? terms[0]?.term ?? null,
      terms: terms.map((t) => t.term),
      themes: [...themes],
      targets: of('target'),
      narratives: of('narrative'),
      langs: LANGS.filter((l) => (lang?.[l] ?? 0) > 0),
      members: members.map((m) => ({ kind: m.kind, key: m.key, theme: m.theme })),
      linkedTo: s.linkedTo,
      reopened: reopened + (again ? 1 : 0),
    };
  }

  /** Language and source split of the window (k-guarded) and the chart of the last hours. */
  private async detail(t: Tracked, r: Reading, minute: number, expect: Expect) {
    const k = this.d.options().k;
    const w = this.d.options().windowMin;
    const bins = Array.from({ length: CHART_BINS }, (_, i) => {
      const end = minute + MINUTE - (CHART_BINS - 1 - i) * w * MINUTE;
      return Array.from({ length: w }, (_, j) => end - (w - j) * MINUTE);
    });
    const pipe = this.redis.pipeline();
    for (const b of bins) pipe.pfcount(...this.authorKeys(t, b));
    const window: number[] = [];
    for (let m = r.windowStart; m < r.windowEnd; m += MINUTE) window.push(m);
    if (t.kind !== 'term') {
      for (const m of window) pipe.hgetall(this.keys.cell(t.series, 'minute', m));
      pipe.pfcount(...window.map((m) => this.keys.cellAuthors(t.series, 'minute', m)));
    }
    const res = ((await pipe.exec()) ?? []).map((x) => x[1]);
    const chart: ChartPoint[] = bins.map((b, i) => {
      const observed = Math.round(b.reduce((a, m) => a + (t.history.minutes.get(m) ?? 0), 0));
      const e = expect(t, b);
      return {
        t: b[0] as number,
        observed: guard(observed, Number(res[i] ?? 0), k),
        expected: round(e.expected),
        low: nbQuantile(BAND, e.expected, e.size),
        high: nbQuantile(1 - BAND, e.expected, e.size),
      };
    });
    if (t.kind === 'term') return { chart };
    const sums = new Map<string, number>();
    for (const v of res.slice(bins.length, bins.length + window.length))
      for (const [f, n] of Object.entries((v ?? {}) as Record<string, string>))
        sums.set(f, (sums.get(f) ?? 0) + Number(n));
    const authors = Number(res[bins.length + window.length] ?? 0);
    const lang = Object.fromEntries(LANGS.map((l: Lang) => [l, split(sums.get(`lang:${l}`) ?? 0, authors, k)]));
    const sources: Record<string, number | null> = {};
    for (const [f, n] of sums) if (f.startsWith('src:')) sources[f.slice(4)] = split(n, authors, k);
    return { chart, lang, sources };
  }

  private authorKeys(t: Tracked, minutes: readonly number[]): string[] {
    if (t.kind === 'term') {
      const hours = [...new Set(minutes.map((m) => Math.floor(m / HOUR) * HOUR))];
      return hours.map((h) => this.keys.termAuthorsPrefix(ALL, h) + t.key);
    }
    return minutes.map((m) => this.keys.cellAuthors(t.series, 'minute', m));
  }
}

/**
 * A part of a split (a language, a source): shown only when the whole has k authors and
 * the part k posts. A part's own authors are not counted, and fewer than k posts are
 * surely fewer than k authors: a small group is never singled out.
 */
const split = (n: number, authors: number, k: number) => (n < k ? null : guard(n, authors, k));

const SAVE_SHA = createHash('sha1').update(SAVE).digest('hex');

/** EVALSHA (the script is sent once, not with every alert), EVAL when Redis lacks it. */
async function evalCached(redis: RedisClient, script: string, ...args: (string | number)[]): Promise<unknown> {
  try {
    return await redis.evalsha(SAVE_SHA, 3, ...args);
  } catch (err) {
    if (!String((err as Error).message).includes('NOSCRIPT')) throw err;
    return redis.eval(script, 3, ...args);
  }
}
const round = (x: number) => Math.round(x * 1000) / 1000;
