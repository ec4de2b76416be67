/**
 * Lineage of narratives: "grew out of" (a narrative founded close to another, or split off
 * by an analyst: `parent`) and "merged into" (`mergedInto`). Both relations stay acyclic:
 * a parent is always a narrative that existed before its child, and a merge goes to the
 * final narrative of the target's chain, never into the narrative itself or into one that
 * was merged into it.
 */
export type LineageMeta = { id: string; parent?: string | undefined; mergedInto?: string | undefined; first: number };

/** Where a narrative's posts went: the end of its `mergedInto` chain (a broken cycle ends where it repeats). */
export function finalOf(id: string, mergedInto: (id: string) => string | undefined): string {
  const seen = new Set<string>([id]);
  let at = id;
  for (let next = mergedInto(at); next && !seen.has(next); next = mergedInto(at)) {
    seen.add(next);
    at = next;
  }
  return at;
}

/** The narrative a merge of `from` into `into` really goes to, or null when it would close a cycle. */
export function mergeTarget(from: string, into: string, mergedInto: (id: string) => string | undefined): string | null {
  if (mergedInto(from)) return null;
  const target = finalOf(into, mergedInto);
  return target === from ? null : target;
}

export type LineageEdge = { from: string; to: string; kind: 'grew_out_of' | 'merged_into' };

/** The edges around a narrative (its ancestors, descendants and merges), for the lineage graph. */
export function lineageEdges(metas: readonly LineageMeta[]): LineageEdge[] {
  const byId = new Map(metas.map((m) => [m.id, m]));
  const out: LineageEdge[] = [];
  for (const m of metas) {
    const p = m.parent ? byId.get(m.parent) : undefined;
    // A parent seen after its child is no parent (it cannot have grown out of it).
    if (p && p.first <= m.first && p.id !== m.id) out.push({ from: m.id, to: p.id, kind: 'grew_out_of' });
    if (m.mergedInto && m.mergedInto !== m.id) out.push({ from: m.id, to: m.mergedInto, kind: 'merged_into' });
  }
  return out;
}

/** Whether the edges of one kind hold a cycle (depth-first search). */
export function hasCycle(edges: readonly LineageEdge[], kind: LineageEdge['kind']): boolean {
  const next = new Map<string, string[]>();
  for (const e of edges) if (e.kind === kind) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const state = new Map<string, 1 | 2>();
  const visit = (n: string): boolean => {
    if (state.get(n) === 1) return true;
    if (state.get(n) === 2) return false;
    state.set(n, 1);
    for (const m of next.get(n) ?? []) if (visit(m)) return true;
    state.set(n, 2);
    return false;
  };
  return [...next.keys()].some(visit);
}

export type LineageEvent = {
  at: number;
  kind: 'founded' | 'grew_out_of' | 'merged_into' | 'absorbed';
  /** The other narrative of the event, by title (null when it has fewer than k authors: not named). */
  other: { id: string; title: string } | null;
};

/**
 * A narrative's small timeline, oldest first: founded (out of its parent, if any), the
 * narratives merged into it, and where it was merged. Built from the acyclic relations
 * above; an edge that would close a cycle is left out.
 */
export function lineageTimeline(
  self: LineageMeta & { mergedAt?: number | undefined },
  related: ReadonlyMap<string, LineageMeta & { mergedAt?: number | undefined; title: string | null }>,
): LineageEvent[] {
  const named = (id: string) => {
    const r = related.get(id);
    return r?.title ? { id, title: r.title } : null;
  };
  const out: LineageEvent[] = [];
  const parent = self.parent ? related.get(self.parent) : undefined;
  if (parent && parent.first <= self.first) out.push({ at: self.first, kind: 'grew_out_of', other: named(parent.id) });
  else out.push({ at: self.first, kind: 'founded', other: null });
  for (const [id, r] of related) {
    if (r.mergedInto === self.id && id !== self.id)
      out.push({ at: r.mergedAt ?? self.first, kind: 'absorbed', other: named(id) });
  }
  if (self.mergedInto && self.mergedInto !== self.id) {
    out.push({ at: self.mergedAt ?? self.first, kind: 'merged_into', other: named(self.mergedInto) });
  }
  return out.sort((a, b) => a.at - b.at);
}
