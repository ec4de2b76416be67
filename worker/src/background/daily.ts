import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readTsv } from '../tsv';

/**
 * The ordinary daily rhythm of posting (data/daily-activity.tsv, with its sources): how
 * active people are at each hour of their local day, relative to the evening peak. A new
 * deployment knows its stream's level from its last hours only; this tells it that a
 * morning rises and a night falls, so neither reads as a surge or a lull before the
 * tenant's own rhythm is known.
 */
export class DailyPatternError extends Error {
  constructor(line: number, message: string) {
    super(`daily-activity.tsv:${line}: ${message}`);
    this.name = 'DailyPatternError';
  }
}

/** Parses the file: 24 rows `hour<TAB>activity`, hours 0–23 once each, activity > 0. */
export function parseDaily(text: string): number[] {
  if (!/^# source: .+$/m.test(text)) throw new DailyPatternError(1, 'missing "# source:" header line');
  const { header, rows } = readTsv(text);
  if (header.join('\t') !== 'hour\tactivity') throw new DailyPatternError(1, 'header must be "hour<TAB>activity"');
  const out: (number | undefined)[] = Array.from({ length: 24 });
  for (const { line, cells } of rows) {
    const hour = Number(cells[0]);
    const activity = Number(cells[1]);
    if (cells.length !== 2 || !Number.isInteger(hour) || hour < 0 || hour > 23 || out[hour] !== undefined)
      throw new DailyPatternError(line, 'hour must be 0–23, once each');
    if (!(activity > 0)) throw new DailyPatternError(line, 'activity must be a positive number');
    out[hour] = activity;
  }
  const missing = out.findIndex((a) => a === undefined);
  if (missing >= 0) throw new DailyPatternError(rows.length + 1, `hour ${missing} is missing`);
  return out as number[];
}

let cached: number[] | null = null;

/** Relative activity per local hour 0–23. */
export function dailyActivity(): readonly number[] {
  cached ??= parseDaily(readFileSync(fileURLToPath(new URL('./data/daily-activity.tsv', import.meta.url)), 'utf8'));
  return cached;
}

const HOUR = 3_600_000;

/**
 * The activity at each minute in a time zone: `at(minute)`. The local hour of each UTC hour
 * is looked up once (offsets change at most twice a year).
 */
export function dailyPattern(timeZone: string): (minute: number) => number {
  const fmt = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' });
  const hours = new Map<number, number>();
  const activity = dailyActivity();
  return (minute: number) => {
    const h = Math.floor(minute / HOUR) * HOUR;
    let local = hours.get(h);
    if (local === undefined) {
      local = Number(fmt.format(h)) % 24;
      if (hours.size > 10_000) hours.clear();
      hours.set(h, local);
    }
    return activity[local] as number;
  };
}
