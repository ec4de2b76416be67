import { GRANULARITIES, type Granularity, type TenantKeys, bucketStart } from '@trendwacht/shared';
import { type Retention, expireAt } from './retention';

/**
 * The cells of a batch's delta and how fold() finds them fast: each series' minute slot is
 * cached, so a Redis key's string is built once a batch, not once a post, and hours and
 * days are summed from the minutes once a batch (issue 20: cellOf and fold were the
 * pipeline's top functions after the analysis).
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
  series: string;
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
  /** Series → its minute slot last folded into. */
  slots: Map<string, Slot>;
  /** Every minute slot of the batch by its cell's key (one each), until rolled up into hours and days. */
  minutes: Map<string, Slot>;
  /** How the minute slots roll up (set by the first fold; one tenant per delta). */
  rollTo?: { keys: TenantKeys; retention: Retention };
  /** Rolled up: the delta takes no more posts. */
  rolled?: true;
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
/** `kind:value` part names, built once per process rather than once per post (kind → value → name). */
const partNames = new Map<string, Map<string, string>>();
let partCount = 0;
export function part(kind: string, value: string): string {
  let names = partNames.get(kind);
  if (names === undefined) {
    names = new Map();
    partNames.set(kind, names);
  }
  let name = names.get(value);
  if (name === undefined) {
    name = `${kind}:${value}`;
    if (partCount < 10_000) {
      names.set(value, name);
      partCount++;
    }
  }
  return name;
}

/**
 * The minute slot of a series (a post of another minute replaces the cached one). Posts
 * are folded into minutes only; `rollUp` sums the batch's minutes into their hours and days
 * once (a batch of a live stream spans a minute or two: a third of the work per post).
 */
export function minuteSlot(delta: SlotMaps, keys: TenantKeys, r: Retention, series: string, bucket: number): Slot {
  const cached = delta.slots.get(series);
  if (cached && cached.bucket === bucket) return cached;
  delta.rollTo ??= { keys, retention: r };
  const key = keys.cell(series, 'minute', bucket);
  let slot = delta.minutes.get(key);
  if (!slot) {
    slot = newSlot(delta, keys, series, 0, bucket, expireAt(bucket, 'minute', r));
    delta.minutes.set(key, slot);
  }
  delta.slots.set(series, slot);
  return slot;
}

function newSlot(delta: SlotMaps, keys: TenantKeys, series: string, gi: number, bucket: number, exp: number): Slot {
  const g = GRANULARITIES[gi] as Granularity;
  return {
    series,
    bucket,
    cell: cellOf(delta.cells, keys.cell(series, g, bucket), exp),
    authors: cellOf(delta.authorSets, keys.cellAuthors(series, g, bucket), exp),
    parts: new Map(),
  };
}

/**
 * The batch's minute cells and sketches summed into their hour and day buckets (the same
 * fields, the union of the authors), once, before the delta is applied. Idempotent.
 */
export function rollUp(delta: SlotMaps): void {
  if (delta.rolled) return;
  delta.rolled = true;
  const to = delta.rollTo;
  if (!to) return;
  const { keys, retention } = to;
  const up = new Map<string, Slot>();
  for (const m of delta.minutes.values()) {
    for (let gi = 1; gi < GRANULARITIES.length; gi++) {
      const g = GRANULARITIES[gi] as Granularity;
      const bucket = bucketStart(m.bucket, g);
      const id = `${gi}\u0000${m.series}\u0000${bucket}`;
      let slot = up.get(id);
      if (!slot) {
        slot = newSlot(delta, keys, m.series, gi, bucket, expireAt(bucket, g, retention));
        up.set(id, slot);
      }
      const to = slot;
      const f = to.cell.fields;
      // forEach: no [key, value] array per entry.
      m.cell.fields.forEach((n, field) => f.set(field, (f.get(field) ?? 0) + n));
      addAll(to.authors.authors, m.authors.authors);
      m.parts.forEach((c, p) => addAll(partSketch(delta, keys, m.series, gi, to, p).authors, c.authors));
    }
  }
}

function addAll(to: Set<number>, from: ReadonlySet<number>): void {
  for (const a of from) to.add(a);
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
