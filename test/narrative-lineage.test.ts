import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type LineageMeta,
  finalOf,
  hasCycle,
  lineageEdges,
  lineageTimeline,
  mergeTarget,
} from '../dashboard/server/narratives/lineage';
import { termScore } from '../dashboard/server/narratives/terms';

describe('lineage stays acyclic under merges and splits', () => {
  it('a merge goes to the end of the target’s chain and never back into itself', () => {
    const m = new Map<string, string>([
      ['b', 'c'],
      ['c', 'd'],
    ]);
    const into = (id: string) => m.get(id);
    expect(finalOf('b', into)).toBe('d');
    expect(mergeTarget('a', 'b', into)).toBe('d');
    expect(mergeTarget('d', 'b', into)).toBeNull(); // b → c → d: merging d into b closes a cycle
    expect(mergeTarget('b', 'a', into)).toBeNull(); // b is merged already
    expect(mergeTarget('a', 'a', into)).toBeNull();
  });

  it('any sequence of merges and splits leaves both relations without a cycle', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('merge' as const), a: fc.nat(30), b: fc.nat(30) }),
      fc.record({ kind: fc.constant('split' as const), a: fc.nat(30) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        const metas = new Map<string, LineageMeta>();
        const ids: string[] = [];
        let clock = 0;
        const add = (parent?: string) => {
          const id = `n${ids.length}`;
          ids.push(id);
          metas.set(id, { id, first: clock++, ...(parent ? { parent } : {}) });
          return id;
        };
        for (let i = 0; i < 5; i++) add();
        const into = (id: string) => metas.get(id)?.mergedInto;
        for (const o of ops) {
          const a = ids[o.a % ids.length] as string;
          if (o.kind === 'split') add(a);
          else {
            const b = ids[o.b % ids.length] as string;
            const target = mergeTarget(a, b, into);
            if (target) metas.set(a, { ...(metas.get(a) as LineageMeta), mergedInto: target });
          }
        }
        const edges = lineageEdges([...metas.values()]);
        expect(hasCycle(edges, 'merged_into')).toBe(false);
        expect(hasCycle(edges, 'grew_out_of')).toBe(false);
      }),
    );
  });

  it('a parent first seen after its child is no parent (a cycle in stored data is not drawn)', () => {
    const edges = lineageEdges([
      { id: 'a', parent: 'b', first: 1 },
      { id: 'b', parent: 'a', first: 2 },
    ]);
    expect(hasCycle(edges, 'grew_out_of')).toBe(false);
    expect(edges).toEqual([{ from: 'b', to: 'a', kind: 'grew_out_of' }]);
  });
});

describe('lineage timeline', () => {
  it('orders founding, merges in and out; names only narratives of k authors', () => {
    const related = new Map([
      ['p', { id: 'p', first: 1, title: 'wij tegen zij' }],
      ['m', { id: 'm', first: 3, mergedInto: 'self', mergedAt: 7, title: null }],
      ['t', { id: 't', first: 0, title: 'kermis in aalst' }],
    ]);
    const events = lineageTimeline({ id: 'self', first: 2, parent: 'p', mergedInto: 't', mergedAt: 9 }, related);
    expect(events.map((e) => [e.at, e.kind, e.other?.title ?? null])).toEqual([
      [2, 'grew_out_of', 'wij tegen zij'],
      [7, 'absorbed', null],
      [9, 'merged_into', 'kermis in aalst'],
    ]);
  });
});

describe('distinctive terms drop filler by measurement', () => {
  // A theme's term counts over 400 posts: filler words are used most, the story's words less.
  const counts: [string, number][] = [
    ['mensen', 120],
    ['geworden', 90],
    ['krijgen', 85],
    ['gaat', 80],
    ['morgen', 60],
    ['zakkenvullers', 40],
    ['kermis', 55],
    ['vechtpartij', 45],
    ['stadhuis', 30],
  ];
  const ranked = counts
    .map(([term, n]) => ({ term, score: termScore(term, n, 400, n) }))
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score)
    .map((x) => x.term);

  it('ranks the story’s words and leaves out common words however often they are used', () => {
    expect(ranked.slice(0, 3).sort()).toEqual(['kermis', 'vechtpartij', 'zakkenvullers']);
    for (const filler of ['mensen', 'geworden', 'krijgen', 'gaat']) expect(ranked).not.toContain(filler);
  });

  it('a phrase of the claim counts as distinctive even when each of its words is common', () => {
    expect(termScore('wij tegen zij', 20, 400, 20)).toBeGreaterThan(0);
  });
});
