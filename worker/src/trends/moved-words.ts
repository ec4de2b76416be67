import { BUCKET_MS } from '@trendwacht/shared';
import type { SeriesReader, Tracked } from './series-reader';

const MINUTE = BUCKET_MS.minute;
const HOUR = BUCKET_MS.hour;

type Moved = { term: string; count: number };

/** The words that moved in a series when it last burst (terms: itself). */
export class MovedWords {
  private readonly moved = new Map<string, { minute: number; terms: Moved[] }>();

  constructor(private readonly reader: SeriesReader) {}

  /** The moved words of a series with their counts (none: it has not burst). */
  of(kind: string, key: string): Moved[] {
    return this.moved.get(`${kind}\u0000${key}`)?.terms ?? [];
  }

  /** The words of a series that moved when it last burst (a term: itself, always). */
  words(kind: string, key: string): string[] {
    const moved = this.of(kind, key).map((t) => t.term);
    return kind === 'term' && !moved.includes(key) ? [key, ...moved] : moved;
  }

  /** The words that moved in a bursting series (read at most every 5 minutes per series). */
  async note(t: Tracked, minute: number, k: number): Promise<void> {
    const id = `${t.kind}\u0000${t.key}`;
    const seen = this.moved.get(id);
    if (seen && minute - seen.minute < 5 * MINUTE) return;
    // A term's uses this hour and the last (its long windows reach into the last hour).
    const hour = Math.floor(minute / HOUR) * HOUR;
    const terms =
      t.kind === 'term'
        ? [
            {
              term: t.key,
              count: Math.round((t.history.hours.get(hour) ?? 0) + (t.history.hours.get(hour - HOUR) ?? 0)),
            },
          ]
        : await this.reader.movedTerms(t.kind === 'target' ? t.theme : t.series, minute + MINUTE, k);
    this.moved.set(id, { minute, terms });
  }

  /** Forgets what moved more than two days ago (hourly housekeeping). */
  prune(minute: number): void {
    for (const [id, m] of this.moved) if (minute - m.minute > 48 * HOUR) this.moved.delete(id);
  }
}
