import { PERSPECTIVES, type Perspective, stanceSeries } from '@trendwacht/shared';
import { type SpanSummary, breakdown, toneOf } from '../breakdown';
import type { ReadDeps, Span } from '../queries';
import { partAuthorsOf } from '../visible';
import { type NarrativeRead, termHours } from './read';
import { distinctTerms } from './terms';

const FIELD = 'persp';

/**
 * The perspectives inside a narrative over the same span as its count: posts, share, a
 * series per bucket and their own distinctive words and phrases. Every post of a narrative
 * has exactly one perspective, so shown parts add up to the narrative's posts. Parts and
 * buckets are guarded like any breakdown — by their own authors, with complementary
 * suppression (`breakdown`) — so no hidden perspective follows by subtraction.
 */
export async function readPerspectives(d: ReadDeps, n: NarrativeRead, span: Span): Promise<Perspective[]> {
  const { cells, whole, summary } = n;
  const series = `nr-${summary.id}`;
  const totals = new Map(breakdown(whole, FIELD, PERSPECTIVES, d.k).map((p) => [p.id, p.posts]));
  const perBucket = await Promise.all(
    cells.map(async (c) => {
      if (!c.shown) return new Map<string, number | null>();
      const fields = PERSPECTIVES.map((p) => `${FIELD}:${p}`).filter((f) => Number(c.fields[f] ?? 0) > 0);
      const one: SpanSummary = {
        whole: { raw: c.posts, authors: c.authors },
        totals: new Map(Object.entries(c.fields).map(([f, v]) => [f, Number(v)])),
        partAuthors: await partAuthorsOf(d, series, span.g, [c.t], fields),
      };
      return new Map(breakdown(one, FIELD, PERSPECTIVES, d.k).map((p) => [p.id, p.posts]));
    }),
  );
  const hours = termHours(d, span);
  const total = whole.whole.raw;
  return Promise.all(
    PERSPECTIVES.map(async (p): Promise<Perspective> => {
      const shown = whole.totals.get(`${FIELD}:${p}`) ? (totals.get(p) ?? null) : 0;
      const own = shown ?? 0;
      return {
        perspective: p,
        posts: summary.posts === 0 ? null : shown,
        share: shown === null || total === 0 || summary.posts === 0 ? null : Math.round((shown / total) * 1000) / 1000,
        terms:
          own === 0
            ? []
            : (await distinctTerms(d, stanceSeries(summary.id, p), series, hours, own))
                .slice(0, 8)
                .map(({ term, count }) => ({ term, count })),
        series: cells.map((c, i) => {
          if (c.posts === 0) return { t: c.t, posts: 0 };
          if (!c.shown) return { t: c.t, posts: null };
          return { t: c.t, posts: Number(c.fields[`${FIELD}:${p}`] ?? 0) === 0 ? 0 : (perBucket[i]?.get(p) ?? null) };
        }),
      };
    }),
  );
}

/** The narrative's tone over its span (the same guard as any breakdown). */
export const narrativeTone = (n: NarrativeRead, k: number) => toneOf(n.whole, k);

/** The tropes its posts carry over its span, biggest first: only those of k authors of their own. */
export const narrativeTropes = (n: NarrativeRead, k: number) =>
  breakdown(n.whole, 'trope', null, k)
    .filter((p) => p.posts !== null)
    .map((p) => p.id);
