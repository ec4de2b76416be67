import { GRANULARITIES, type Granularity, type TenantKeys } from '@trendwacht/shared';
import { type Retention, expireAt } from './retention';

/**
 * The cells of a batch's delta and how fold() finds them fast: each series' slot per
 * granularity is cached, so a Redis key's string is built once a batch, not once a post
 * (issue 20: cellOf and fold were the pipeline's top functions after the analysis).
 */

/** A batch's author hashes are numbered once (1-based, as the apply script reads them). */
export type Cell = { expireAt: number; fields: Map<string, number>; authors: Set<number> };
export type TermCell = {
  expireAt: number;
  authorsPrefix: string;
  terms: Map<string, { n: number; authors: Set<number> }>;
};

/** One series in one bucket of one granularity: its cell, its sketches, cached by series. */
export type Slot = {
  bucket: number;
  cell: Cell;
  authors: Cell;
  /** Part (`lang:nl`…) → its own author sketch. */
  parts: Map<string, Cell>;
};

/** What the slots need of a delta. */
export type SlotMaps = {
  cells: Map<string, Cell>;
  authorSets: Map<string, Cell>;
  authors: string[];
  authorIndex: Map<string, number>;
  slots: Map<string, (Slot | undefined)[]>;
};

/** The batch's number of an author hash (1-based). */
export function authorNo(delta: SlotMaps, author: string): number {
  let i = delta.authorIndex.get(author);
  if (i === undefined) {
    i = delta.authors.push(author);
    delta.authorIndex.set(author, i);
  }
  return i;
}

export const TONES = { neg: 'tone:neg', neu: 'tone:neu', pos: 'tone:pos' } as const;
/** `kind:value` part names, built once per process rather than once per post. */
const partNames = new Map<string, string>();
export function part(kind: string, value: string): string {
  const k = kind + value;
  let name = partNames.get(k);
  if (name === undefined) {
    name = `${kind}:${value}`;
    if (partNames.size < 10_000) partNames.set(k, name);
  }
  return name;
}

/** The slot of a series in the bucket of a granularity (a post of another bucket replaces the cached one). */
export function slotOf(
  delta: SlotMaps,
  keys: TenantKeys,
  r: Retention,
  series: string,
  gi: number,
  bucket: number,
): Slot {
  let bySeries = delta.slots.get(series);
  if (!bySeries) {
    bySeries = [undefined, undefined, undefined];
    delta.slots.set(series, bySeries);
  }
  const cached = bySeries[gi];
  if (cached && cached.bucket === bucket) return cached;
  const g = GRANULARITIES[gi] as Granularity;
  const exp = expireAt(bucket, g, r);
  const slot: Slot = {
    bucket,
    cell: cellOf(delta.cells, keys.cell(series, g, bucket), exp),
    authors: cellOf(delta.authorSets, keys.cellAuthors(series, g, bucket), exp),
    // A post of an older bucket arrived between two of this one: its parts are found again by key.
    parts: new Map(),
  };
  bySeries[gi] = slot;
  return slot;
}

export function partSketch(delta: SlotMaps, keys: TenantKeys, series: string, gi: number, slot: Slot, p: string): Cell {
  let c = slot.parts.get(p);
  if (!c) {
    const g = GRANULARITIES[gi] as Granularity;
    c = cellOf(delta.authorSets, keys.partAuthors(series, p, g, slot.bucket), slot.cell.expireAt);
    slot.parts.set(p, c);
  }
  return c;
}

export function cellOf(map: Map<string, Cell>, key: string, exp: number): Cell {
  let c = map.get(key);
  if (!c) {
    c = { expireAt: exp, fields: new Map(), authors: new Set() };
    map.set(key, c);
  }
  return c;
}
