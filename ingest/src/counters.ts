import type { RejectReason } from '@trendwacht/shared';

/** What ingest did with the items of one run, per source. Counts only. */
export class IngestCounters {
  received = 0;
  accepted = 0;
  duplicates = 0;
  /** Left out by a connector's keyword filter (never queued). */
  filtered = 0;
  readonly rejected: Partial<Record<RejectReason, number>> = {};
  /** Reject details by reason, capped, for the run summary (no item content). */
  readonly examples: { line: number; reason: RejectReason; detail: string }[] = [];

  reject(reason: RejectReason, detail: string, line: number): void {
    this.rejected[reason] = (this.rejected[reason] ?? 0) + 1;
    if (this.examples.length < 20) this.examples.push({ line, reason, detail });
  }

  get rejectedTotal(): number {
    return Object.values(this.rejected).reduce((a, b) => a + (b ?? 0), 0);
  }

  /** Flat `field → count` pairs for the tenant's stats hash. */
  toFields(source: string): Record<string, number> {
    const f: Record<string, number> = {
      [`ingest:${source}:received`]: this.received,
      [`ingest:${source}:accepted`]: this.accepted,
      [`ingest:${source}:duplicate`]: this.duplicates,
    };
    if (this.filtered) f[`ingest:${source}:filtered`] = this.filtered;
    for (const [reason, n] of Object.entries(this.rejected)) f[`ingest:${source}:rejected:${reason}`] = n ?? 0;
    return f;
  }
}
