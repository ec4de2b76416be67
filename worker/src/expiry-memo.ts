/**
 * The keys this worker has already given their expiry (time buckets expire at a time fixed
 * by the bucket, and only expiry removes them), so a batch sends EXPIREAT only for cells,
 * cell sketches and term lists new to it. Recorded only after a batch applied. Bounded: entries
 * past their expiry are dropped first, then everything (which only costs repeated EXPIREATs).
 */
export class ExpiryMemo {
  private readonly set = new Map<string, number>();
  private pending: [string, number][] = [];
  constructor(
    private readonly max = 500_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The expiry to send for a key: its expiry, or 0 when already sent. */
  need(key: string, expireAt: number): number {
    if (this.set.get(key) === expireAt) return 0;
    this.pending.push([key, expireAt]);
    return expireAt;
  }

  /** The batch applied: what it sent is now set in Redis. */
  commit(): void {
    this.record(this.pending);
    this.pending = [];
  }

  /** Whether this key's expiry was already sent (no pending state: safe for batches applied concurrently). */
  sent(key: string, expireAt: number): boolean {
    return this.set.get(key) === expireAt;
  }

  /** These expiries are now set in Redis. */
  record(entries: readonly (readonly [string, number])[]): void {
    for (const [k, at] of entries) this.set.set(k, at);
    if (this.set.size > this.max) {
      const nowS = this.now() / 1000;
      for (const [k, at] of this.set) if (at <= nowS) this.set.delete(k);
      if (this.set.size > this.max) this.set.clear();
    }
  }

  discard(): void {
    this.pending = [];
  }

  /** Forget everything (on reconnect: a Redis that lost its data lost the expiries too). */
  clear(): void {
    this.set.clear();
    this.pending = [];
  }

  get size(): number {
    return this.set.size;
  }
}
