import {
  BUCKET_MS,
  LANGS,
  type NarrativeSummary,
  PHRASE_JOIN,
  guard,
  narrativeSeries,
  phraseText,
  stanceSeries,
  themeLabel,
} from '@trendwacht/shared';
import { type SpanSummary, breakdown, summarise } from '../breakdown';
import { type ReadDeps, type Span, rangeSpan } from '../queries';
import { type VisibleCell, readVisibleBuckets } from '../visible';
import { type PhraseLang, distinctTerms, phraseLang, wordCount } from './terms';

const HOUR = BUCKET_MS.hour;
const DAY = BUCKET_MS.day;
/** Hourly top terms live 48 h: titles, key terms and perspective terms read at most that far back. */
export const TERM_HOURS = 48;

/** The hours of a span whose term lists still exist. */
export function termHours(d: ReadDeps, span: Span): number[] {
  const oldest = d.now() - TERM_HOURS * HOUR;
  return span.hours.filter((h) => h > oldest);
}

/** A narrative read over a span: its summary and what its perspectives are read from. */
export type NarrativeRead = { summary: NarrativeSummary; cells: VisibleCell[]; whole: SpanSummary };

/**
 * A theme's narratives with ≥ k distinct authors and posts in the span (their count there
 * may be "< k"): pinned first, then biggest; dismissed and merged ones left out.
 */
export async function readNarratives(d: ReadDeps, theme: string, span: Span, limit = 20): Promise<NarrativeSummary[]> {
  const [pinned, ids] = await Promise.all([
    d.redis.smembers(d.keys.narrativesPinned(theme)),
    d.redis.zrevrange(d.keys.narratives(theme), 0, limit * 3 - 1),
  ]);
  const out: NarrativeSummary[] = [];
  for (const id of [...new Set([...pinned.sort(), ...ids])]) {
    const n = await readNarrative(d, id, span);
    const active = n?.cells.some((c) => c.posts > 0);
    if (n && active && !n.summary.dismissed && !n.summary.mergedInto) out.push(n.summary);
    if (out.length >= limit) break;
  }
  return out;
}

/**
 * One narrative over a span, or null when unknown or carried by fewer than k distinct
 * authors. Its posts are the shown buckets of the span (the theme page counts the same
 * way over the same span, so the two agree), and its perspectives are parts of that total.
 */
export async function readNarrative(d: ReadDeps, id: string, span: Span): Promise<NarrativeRead | null> {
  const meta = await d.redis.hgetall(d.keys.narrativeMeta(id));
  if (!meta.theme) return null;
  const first = Number(meta.first);
  const last = Number(meta.last);
  const series = narrativeSeries(id);
  const days: number[] = [];
  for (let b = Math.floor(first / DAY) * DAY; b <= last && days.length < 90; b += DAY) days.push(b);
  const ever = await d.redis.pfcount(...days.map((b) => d.keys.cellAuthors(series, 'day', b)));
  if (guard(1, ever, d.k) === null) return null;
  const cells = await readVisibleBuckets(d, series, span);
  const whole = await summarise(d, series, span, cells);
  const now = d.now();
  const [recent, before] = await Promise.all([
    hourPosts(d, series, now - DAY, now),
    hourPosts(d, series, now - 2 * DAY, now - DAY),
  ]);
  const hours = termHours(d, span);
  const terms = await distinctTerms(d, series, meta.theme, hours, whole.whole.raw);
  const words = terms.filter((t) => wordCount(t.term) < 3);
  const label = words.slice(0, 5).map((t) => t.term);
  const { phrase, alt } = await titlePhrase(d, id, meta.theme, hours, whole.whole.raw, terms);
  // Kept as one token (PHRASE_JOIN), like the phrase lists: never running text at rest.
  const token = (p: string) => p.replaceAll(' ', PHRASE_JOIN);
  if (phrase) await d.redis.hset(d.keys.narrativeMeta(id), 'title', token(phrase), 'titleAlt', alt ? token(alt) : '');
  if (label.length > 0) await d.redis.hset(d.keys.narrativeMeta(id), 'label', JSON.stringify(label));
  const keyTerms = label.length > 0 ? label : meta.label ? (JSON.parse(meta.label) as string[]) : [];
  const title = meta.name || phrase || phraseText(meta.title ?? '') || keyTerms.slice(0, 3).join(' · ');
  const titleAlt = phrase ? alt : meta.title ? phraseText(meta.titleAlt ?? '') : '';
  const titleFrom = meta.name ? 'analyst' : phrase || meta.title ? 'phrase' : keyTerms.length ? 'terms' : 'theme';
  const langs = breakdown(whole, 'lang', LANGS, d.k)
    .filter((p) => p.posts !== null && p.id !== 'other')
    .map((p) => p.id);
  const shownAuthors = guard(whole.whole.raw, whole.whole.authors, d.k);
  return {
    cells,
    whole,
    summary: {
      id,
      theme: meta.theme,
      title: title || `${themeLabel(meta.theme).nl}: ${new Date(first).toISOString().slice(0, 16)}`,
      titleFrom,
      ...(titleAlt && titleFrom === 'phrase' ? { titleAlt } : {}),
      label: keyTerms,
      firstSeen: first,
      lastSeen: last,
      posts: shownAuthors === null ? null : whole.whole.raw,
      authors: shownAuthors,
      window: { from: span.from, to: span.to },
      growth: before > 0 ? Math.round((recent / before) * 100) / 100 : null,
      ...(meta.parent ? { parent: meta.parent } : {}),
      ...(meta.mergedInto ? { mergedInto: meta.mergedInto } : {}),
      merged: meta.merged ? meta.merged.split(',') : [],
      langs,
      pinned: (await d.redis.sismember(d.keys.narrativesPinned(meta.theme), id)) === 1,
      dismissed: meta.dismissed === '1',
    },
  };
}

/** A narrative's summary over the last day (links from incidents and exports check it exists). */
export async function readNarrativeSummary(d: ReadDeps, id: string, span?: Span): Promise<NarrativeSummary | null> {
  return (await readNarrative(d, id, span ?? rangeSpan('day', d.now())))?.summary ?? null;
}

/**
 * The tenant's first language: titles are in it when the story is told in it too. Tenants
 * have no language setting yet; Trendwacht's municipalities are Flemish first.
 */
export const FIRST_LANG: PhraseLang = 'nl';

/**
 * The narrative's most distinctive phrase of 3–4 words used by ≥ k distinct authors, in
 * the tenant's first language when one of those exists (a French phrase may rank higher
 * in a Flemish town's story; the Dutch one still names it), with the best phrase of
 * another language beside it (`alt`). Phrases come first from the posts that push the
 * claim (the title says what the story claims), else from any — never the title of a bigger
 * narrative of its theme (two stories of one fair are told apart by their titles).
 */
async function titlePhrase(
  d: ReadDeps,
  id: string,
  theme: string,
  hours: number[],
  total: number,
  all: { term: string }[],
) {
  const [pushing, taken] = await Promise.all([
    distinctTerms(d, stanceSeries(id, 'pushing'), null, hours, total, 200),
    biggerTitles(d, id, theme),
  ]);
  const phrases = [...pushing, ...all].map((t) => t.term).filter((t) => wordCount(t) >= 3 && !taken.has(t));
  const first = phrases.find((p) => phraseLang(p) === FIRST_LANG);
  const phrase = first ?? phrases[0] ?? null;
  const alt = phrase ? phrases.find((p) => phraseLang(p) !== phraseLang(phrase)) : undefined;
  return { phrase, alt: alt ?? null };
}

/** Titles of the narratives of a theme bigger than this one (the ten before it). */
async function biggerTitles(d: ReadDeps, id: string, theme: string): Promise<Set<string>> {
  const rank = await d.redis.zrevrank(d.keys.narratives(theme), id);
  if (!rank) return new Set();
  const ids = await d.redis.zrevrange(d.keys.narratives(theme), Math.max(0, rank - 10), rank - 1);
  const pipe = d.redis.pipeline();
  for (const x of ids) pipe.hget(d.keys.narrativeMeta(x), 'title');
  const res = (await pipe.exec()) ?? [];
  return new Set(res.map(([, v]) => phraseText(String(v ?? ''))).filter(Boolean));
}

async function hourPosts(d: ReadDeps, series: string, from: number, to: number): Promise<number> {
  const pipe = d.redis.pipeline();
  for (let h = Math.floor(from / HOUR) * HOUR; h < to; h += HOUR) pipe.hget(d.keys.cell(series, 'hour', h), 'posts');
  const res = (await pipe.exec()) ?? [];
  return res.reduce((a, [, v]) => a + Number(v ?? 0), 0);
}
