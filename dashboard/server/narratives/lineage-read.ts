import type { NarrativeSummary } from '@trendwacht/shared';
import type { ReadDeps } from '../queries';
import { type LineageMeta, lineageTimeline } from './lineage';
import { readNarrativeSummary } from './read';

type Related = LineageMeta & { mergedAt?: number | undefined; title: string | null };

/** How many merged narratives a timeline names. */
const MERGED_SHOWN = 10;

async function metaOf(d: ReadDeps, id: string): Promise<Related | null> {
  const m = await d.redis.hgetall(d.keys.narrativeMeta(id));
  if (!m.theme) return null;
  // Named only when the narrative itself has k authors (its title is then k-anonymous too).
  const title = (await readNarrativeSummary(d, id))?.title ?? null;
  return {
    id,
    first: Number(m.first),
    ...(m.parent ? { parent: m.parent } : {}),
    ...(m.mergedInto ? { mergedInto: m.mergedInto } : {}),
    ...(m.mergedAt ? { mergedAt: Number(m.mergedAt) } : {}),
    title,
  };
}

/** The narrative's lineage timeline: founded or grown out of its parent, merges in and out. */
export async function readLineage(d: ReadDeps, n: NarrativeSummary) {
  const ids = [n.parent, n.mergedInto, ...n.merged.slice(-MERGED_SHOWN)].filter((x): x is string => !!x);
  const related = new Map<string, Related>();
  for (const r of await Promise.all([...new Set(ids)].map((id) => metaOf(d, id)))) if (r) related.set(r.id, r);
  const mergedAt = await d.redis.hget(d.keys.narrativeMeta(n.id), 'mergedAt');
  return lineageTimeline(
    {
      id: n.id,
      first: n.firstSeen,
      parent: n.parent,
      mergedInto: n.mergedInto,
      ...(mergedAt ? { mergedAt: Number(mergedAt) } : {}),
    },
    related,
  );
}
