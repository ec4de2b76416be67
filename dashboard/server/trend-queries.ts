import {
  type Alert,
  BUCKET_MS,
  MIN_K,
  type NarrativeSummary,
  type Perspective,
  STANCES,
  guard,
  narrativeSeries,
  stanceSeries,
  termSeriesOf,
} from '@trendwacht/shared';
import { type SpanSummary, breakdown, summarise } from './breakdown';
import { type ReadDeps, type Span, rankedTerms } from './queries';
import { partAuthorsOf, readVisibleBuckets } from './visible';

const HOUR = BUCKET_MS.hour;
const DAY = BUCKET_MS.day;
/** Hourly top terms live 48 h: labels and perspectives read at most that far back. */
const TERM_HOURS = 48;

/** Alerts, newest first: open ones or all. Each was opened with ≥ k authors; its terms are k-anonymous. */
export async function readAlerts(d: ReadDeps, status: 'open' | 'all', limit: number): Promise<Alert[]> {
  const ids = await d.redis.zrevrange(d.keys.alertsLog, 0, Math.max(0, limit * (status === 'open' ? 5 : 1)) - 1);
  if (ids.length === 0) return [];
  const raw = await d.redis.hmget(d.keys.alerts, ...ids);
  const alerts = raw.filter((x): x is string => x !== null).map((x) => JSON.parse(x) as Alert);
  return alerts.filter((a) => status === 'all' || a.status === 'open').slice(0, limit);
}

export async function readAlert(d: ReadDeps, id: string): Promise<Alert | null> {
  const raw = await d.redis.hget(d.keys.alerts, id);
  return raw ? (JSON.parse(raw) as Alert) : null;
}

/** A theme's narratives carried by at least k distinct authors, biggest first. */
export async function readNarratives(d: ReadDeps, theme: string, limit = 20): Promise<NarrativeSummary[]> {
  const ids = await d.redis.zrevrange(d.keys.narratives(theme), 0, limit * 3 - 1);
  const out: NarrativeSummary[] = [];
  for (const id of ids) {
    const n = await readNarrative(d, id);
    if (n) out.push(n);
    if (out.length >= limit) break;
  }
  return out;
}

/** One narrative, or null when unknown or carried by fewer than k distinct authors. */
export async function readNarrative(d: ReadDeps, id: string): Promise<NarrativeSummary | null> {
  const meta = await d.redis.hgetall(d.keys.narrativeMeta(id));
  if (!meta.theme) return null;
  const first = Number(meta.first);
  const last = Number(meta.last);
  const series = narrativeSeries(id);
  const days: number[] = [];
  for (let b = Math.floor(first / DAY) * DAY; b <= last && days.length < 90; b += DAY) days.push(b);
  const authors = await d.redis.pfcount(...days.map((b) => d.keys.cellAuthors(series, 'day', b)));
  if (guard(1, authors, d.k) === null) return null;
  const now = d.now();
  const recent = await hourPosts(d, series, now - DAY, now);
  const before = await hourPosts(d, series, now - 2 * DAY, now - DAY);
  const label = await narrativeLabel(d, id, meta.theme, last);
  return {
    id,
    theme: meta.theme,
    label,
    firstSeen: first,
    lastSeen: last,
    posts: Number(meta.posts ?? 0),
    authors,
    growth: before > 0 ? Math.round((recent / before) * 100) / 100 : null,
    ...(meta.parent ? { parent: meta.parent } : {}),
    ...(meta.mergedInto ? { mergedInto: meta.mergedInto } : {}),
    merged: meta.merged ? meta.merged.split(',') : [],
  };
}

async function hourPosts(d: ReadDeps, series: string, from: number, to: number): Promise<number> {
  const pipe = d.redis.pipeline();
  for (let h = Math.floor(from / HOUR) * HOUR; h < to; h += HOUR) pipe.hget(d.keys.cell(series, 'hour', h), 'posts');
  const res = (await pipe.exec()) ?? [];
  return res.reduce((a, [, v]) => a + Number(v ?? 0), 0);
}

/** Hours whose top terms still exist, up to the narrative's last post. */
function termHours(now: number, last: number): number[] {
  const end = Math.min(now, last);
  const out: number[] = [];
  for (let h = Math.floor(end / HOUR) * HOUR; h > now - TERM_HOURS * HOUR && out.length < TERM_HOURS; h -= HOUR) {
    out.push(h);
  }
  return out;
}

/**
 * Terms of a series over hours, each used by ≥ k distinct authors, ranked by how
 * distinctive they are against a wider series (count / √count in the wider one).
 */
/**
 * Terms of a series that set it apart from a wider one (a narrative within its theme, a
 * stance within its narrative), each used by ≥ k authors. A narrative's terms are the
 * union of its stances' (`termSeriesOf`).
 */
async function distinctiveTerms(d: ReadDeps, series: string, wider: string, hours: number[], top: number) {
  if (hours.length === 0) return [];
  const own = termSeriesOf(series);
  const widerKeys = termSeriesOf(wider).flatMap((w) => hours.map((h) => d.keys.terms(w, h)));
  const pool = await rankedTerms(d, own, hours, 40);
  if (pool.length === 0) return [];
  const pipe = d.redis.pipeline();
  for (const c of pool) {
    pipe.pfcount(...own.flatMap((s) => hours.map((h) => d.keys.termAuthorsPrefix(s, h) + c.term)));
    for (const k of widerKeys) pipe.zscore(k, c.term);
  }
  const res = (await pipe.exec()) ?? [];
  const per = widerKeys.length + 1;
  return pool
    .map((c, i) => {
      const authors = Number(res[i * per]?.[1] ?? 0);
      let widerCount = 0;
      for (let j = 1; j < per; j++) widerCount += Number(res[i * per + j]?.[1] ?? 0);
      return { ...c, authors, distinct: c.count / Math.sqrt(Math.max(c.count, widerCount)) };
    })
    .filter((c) => c.authors >= Math.max(d.k, MIN_K))
    .sort((a, b) => b.distinct - a.distinct)
    .slice(0, top)
    .map(({ term, count }) => ({ term, count }));
}

/** Three distinctive words and two phrases (≥ k authors each); cached in the metadata once known. */
async function narrativeLabel(d: ReadDeps, id: string, theme: string, last: number): Promise<string[]> {
  const terms = await distinctiveTerms(d, narrativeSeries(id), theme, termHours(d.now(), last), 20);
  const words = terms.filter((t) => !t.term.includes(' ')).slice(0, 3);
  const phrases = terms.filter((t) => t.term.includes(' ')).slice(0, 2);
  const label = [...words, ...phrases].map((t) => t.term);
  if (label.length > 0) {
    await d.redis.hset(d.keys.narrativeMeta(id), 'label', JSON.stringify(label));
    return label;
  }
  const cached = await d.redis.hget(d.keys.narrativeMeta(id), 'label');
  return cached ? (JSON.parse(cached) as string[]) : [];
}

/**
 * The stances inside a narrative: posts, share, per-hour series (last 48 h) and
 * distinctive terms. Hours and stances are guarded like any breakdown: by their own
 * authors, with complementary suppression (`breakdown`), so neither the narrative's total
 * nor an hour's total gives a hidden stance by subtraction (issue 22).
 */
export async function readPerspectives(d: ReadDeps, n: NarrativeSummary): Promise<Perspective[]> {
  const series = narrativeSeries(n.id);
  const hours = termHours(d.now(), n.lastSeen).reverse();
  const span: Span = {
    range: 'custom',
    g: 'hour',
    buckets: hours,
    hours,
    from: hours[0] ?? 0,
    to: (hours.at(-1) ?? 0) + BUCKET_MS.hour,
  };
  const cells = await readVisibleBuckets(d, series, span);
  const whole = await summarise(d, series, span, cells);
  const totals = new Map(breakdown(whole, 'stance', STANCES, d.k).map((p) => [p.id, p.posts]));
  const perHour = await Promise.all(
    cells.map(async (c) => {
      if (!c.shown) return new Map<string, number | null>();
      const fields = STANCES.map((st) => `stance:${st}`).filter((f) => Number(c.fields[f] ?? 0) > 0);
      const one: SpanSummary = {
        whole: { raw: c.posts, authors: c.authors },
        totals: new Map(Object.entries(c.fields).map(([f, v]) => [f, Number(v)])),
        partAuthors: await partAuthorsOf(d, series, 'hour', [c.t], fields),
      };
      return new Map(breakdown(one, 'stance', STANCES, d.k).map((p) => [p.id, p.posts]));
    }),
  );
  const out: Perspective[] = [];
  for (const stance of STANCES) {
    const shown = whole.totals.get(`stance:${stance}`) ? (totals.get(stance) ?? null) : 0;
    out.push({
      stance,
      posts: shown,
      share: shown === null || whole.whole.raw === 0 ? null : Math.round((shown / whole.whole.raw) * 1000) / 1000,
      terms: await distinctiveTerms(d, stanceSeries(n.id, stance), series, hours, 8),
      series: cells.map((c, i) => {
        if (c.posts === 0) return { t: c.t, posts: 0 };
        if (!c.shown) return { t: c.t, posts: null };
        return {
          t: c.t,
          posts: Number(c.fields[`stance:${stance}`] ?? 0) === 0 ? 0 : (perHour[i]?.get(stance) ?? null),
        };
      }),
    });
  }
  return out;
}
