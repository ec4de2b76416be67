/**
 * A bounded seen-set of post ids (insertion order; the oldest id is forgotten first), so a
 * long-running stream never grows memory. Held in memory by ingest only.
 */
export class SeenSet {
  private readonly seen = new Set<string>();
  constructor(private readonly capacity = 200_000) {}

  /** True the first time an id is offered, false for a repeat. */
  add(id: string): boolean {
    if (this.seen.has(id)) return false;
    this.seen.add(id);
    if (this.seen.size > this.capacity) {
      const oldest = this.seen.values().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
    return true;
  }

  get size(): number {
    return this.seen.size;
  }
}
