import { createHash } from 'node:crypto';
import { type AlertKind, SEVERITIES, type Severity } from '@trendwacht/shared';

export type EpisodeOptions = {
  /** Smallest score (−log10 tail probability) that opens an episode. */
  threshold: number;
  /** Smallest observed/expected ratio that opens one (per kind: terms must jump more). */
  minRatio: Record<AlertKind, number>;
  /** Fewest posts in the window to open one. */
  minPosts: number;
  /** Fewest distinct authors (k-anonymity: nothing below k is shown, alerts included). */
  k: number;
  /** Minutes of calm before an episode closes. */
  closeAfterMin: number;
};

/** One evaluation of a series at a minute. */
export type Reading = {
  kind: AlertKind;
  key: string;
  observed: number;
  expected: number;
  score: number;
  windowStart: number;
  windowEnd: number;
};

export type EpisodeEvent = { type: 'open' | 'escalate' | 'close'; id: string; severity: Severity; reading: Reading };

type Open = { id: string; severity: Severity; openedAt: number; calmSince: number | null; peak: Reading };

export function severityOf(r: Reading, o: EpisodeOptions): Severity {
  const ratio = r.observed / r.expected;
  if (ratio >= 8 && r.score >= 2 * o.threshold) return 'high';
  if (ratio >= 4) return 'medium';
  return 'low';
}

/** Would this reading open an episode (authors aside)? */
export function isBurst(r: Reading, o: EpisodeOptions): boolean {
  return r.score >= o.threshold && r.observed >= o.minPosts && r.observed >= o.minRatio[r.kind] * r.expected;
}

/**
 * Alert episodes: one alert per burst. It opens when a reading is a burst with at least
 * k distinct authors, escalates when its severity rises, and closes after `closeAfterMin`
 * minutes of calm (ratio under 1.5 or score under a third of the threshold).
 */
export class Episodes {
  private readonly open = new Map<string, Open>();

  constructor(private readonly o: EpisodeOptions) {}

  isOpen(kind: AlertKind, key: string): boolean {
    return this.open.has(`${kind}\u0000${key}`);
  }

  /** Restores an open episode (after a restart). */
  restore(kind: AlertKind, key: string, id: string, severity: Severity, openedAt: number, peak: Reading): void {
    this.open.set(`${kind}\u0000${key}`, { id, severity, openedAt, calmSince: null, peak });
  }

  step(r: Reading, authors: number, minute: number): EpisodeEvent | null {
    const slot = `${r.kind}\u0000${r.key}`;
    const ep = this.open.get(slot);
    if (!ep) {
      if (!isBurst(r, this.o) || authors < this.o.k) return null;
      const id = alertId(r);
      const severity = severityOf(r, this.o);
      this.open.set(slot, { id, severity, openedAt: minute, calmSince: null, peak: r });
      return { type: 'open', id, severity, reading: r };
    }
    const calm = r.observed < 1.5 * r.expected || r.score < this.o.threshold / 3;
    if (calm) {
      ep.calmSince ??= minute;
      if (minute - ep.calmSince >= this.o.closeAfterMin * 60_000) {
        this.open.delete(slot);
        return { type: 'close', id: ep.id, severity: ep.severity, reading: ep.peak };
      }
      return null;
    }
    ep.calmSince = null;
    if (r.score > ep.peak.score) ep.peak = r;
    const severity = severityOf(r, this.o);
    if (rank(severity) > rank(ep.severity) && authors >= this.o.k && isBurst(r, this.o)) {
      ep.severity = severity;
      return { type: 'escalate', id: ep.id, severity, reading: r };
    }
    return null;
  }
}

const rank = (s: Severity) => SEVERITIES.indexOf(s);

function alertId(r: Reading): string {
  return `al-${createHash('sha256').update(`${r.kind}\u0000${r.key}\u0000${r.windowEnd}`).digest('hex').slice(0, 16)}`;
}
