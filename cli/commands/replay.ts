import { createInterface } from 'node:readline';
import { TenantSettingsSchema, alertEvent } from '@trendwacht/shared';
import { DEFAULT_DETECTOR, type DetectorOptions } from '@trendwacht/worker';
import { type Command, UsageError, intOption, parse } from '../command';
import { alertLine, replayLines } from '../trend-replay';

export const replayCommand: Command = {
  name: 'replay',
  summary: 'replay JSON Lines posts in event time; print each alert as it fires (JSON Lines)',
  usage: `Usage: trendwacht replay [--window MIN] [--days N] [--weeks N] [--sensitivity S]
                        [--k N] [--min-posts N] [--warmup-days N] [--seed-ratio R]
                        [--surge-min S] [--time-zone ZONE] [--diurnal on|off] < posts.jsonl

Input, one a line, ordered by createdAt:  {"id","text","createdAt","authorKey"?,"lang"?}
Runs every post through the worker's analysis, aggregation, narratives and trend
detection in event time, on a private Redis key prefix (of REDIS_URL, or of a private
redis-server when it is not set) that is removed afterwards. Each alert that opens or
escalates is one JSON line on stdout:
  {"id","kind":"theme|target|narrative|term","key","severity","windowStart","detectedAt",
   "observed","expected","score","terms":[...],"distinctAuthors","event":"open|escalate"}
Times are epoch ms of event time. Nothing else is written to stdout; bad lines are
reported on stderr (line number and reason) and skipped.

  --window MIN       minutes compared with the baseline (default ${DEFAULT_DETECTOR.windowMin})
  --days N           trailing days in the baseline, same hour (default ${DEFAULT_DETECTOR.days})
  --weeks N          past weeks in the baseline, same hour of the week (default ${DEFAULT_DETECTOR.weeks})
  --sensitivity S    score (−log10 tail probability) that opens an alert (default ${DEFAULT_DETECTOR.threshold});
                     lower is more sensitive
  --k N              fewest distinct authors behind an alert (default ${DEFAULT_DETECTOR.k})
  --min-posts N      fewest posts in the window (default ${DEFAULT_DETECTOR.minPosts})
  --warmup-days N    days of traffic before any alert (default ${DEFAULT_DETECTOR.warmupDays})
  --seed-ratio R     a word opens a story only when used R× its share in ordinary language
                     (default ${Math.round(Math.exp(DEFAULT_DETECTOR.seedLogOdds))}; 0: any word, common ones too)
  --surge-min S      a surge of the rest of the stream from this score corroborates a
                     series' burst (default ${DEFAULT_DETECTOR.surgeMin}; 0: never, as detector d3)
  --time-zone ZONE   the tenant's time zone: of the receipts, and of the ordinary daily rhythm
                     expected before the tenant's own is known (default ${DEFAULT_DETECTOR.timeZone})
  --diurnal on|off   expect that ordinary daily rhythm in a new deployment (default on; off:
                     the level of the last hours, as detector d4)`,
  async run(args, config) {
    const { values } = parse(args, detectorFlags);
    const result = await replayLines(stdinLines(), config, detectorOptions(values), {
      alert: (a) => {
        const ev = alertEvent(a);
        if (ev !== 'close') process.stdout.write(`${JSON.stringify(alertLine(a, ev))}\n`);
      },
      reject: (n, detail) => process.stderr.write(`line ${n}: ${detail}\n`),
    });
    process.stderr.write(
      `replayed ${result.posts} posts (${result.rejected} rejected, ${result.late} out of order): ${result.alerts.length} alert events\n`,
    );
    return 0;
  },
};

/**
 * stdin as lines, buffered from this call on. A readline interface emits lines as soon as
 * it exists, and its async iterator buffers only from when it is made: made late (after
 * the replay has started its own Redis), every line emitted meanwhile was lost.
 */
export function stdinLines(): AsyncIterable<string> {
  const rl = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  const it = rl[Symbol.asyncIterator]();
  return { [Symbol.asyncIterator]: () => it };
}

export const detectorFlags = {
  window: { type: 'string' },
  days: { type: 'string' },
  weeks: { type: 'string' },
  sensitivity: { type: 'string' },
  k: { type: 'string' },
  'min-posts': { type: 'string' },
  'warmup-days': { type: 'string' },
  'seed-ratio': { type: 'string' },
  'time-zone': { type: 'string' },
  'surge-min': { type: 'string' },
  diurnal: { type: 'string' },
} as const;

export function detectorOptions(
  v: Partial<Record<keyof typeof detectorFlags, string | undefined>>,
): Partial<DetectorOptions> {
  const d = DEFAULT_DETECTOR;
  let threshold = d.threshold;
  if (v.sensitivity !== undefined) {
    threshold = Number(v.sensitivity);
    if (!Number.isFinite(threshold) || threshold <= 0) throw new UsageError('--sensitivity must be a positive number');
  }
  // A word opens a story when used this many times its ordinary share (0: any word, as d2).
  const ratio = v['seed-ratio'] === undefined ? Math.exp(d.seedLogOdds) : Number(v['seed-ratio']);
  if (!Number.isFinite(ratio) || ratio < 0) throw new UsageError('--seed-ratio must be a number ≥ 0');
  const timeZone = v['time-zone'] ?? d.timeZone;
  if (!TenantSettingsSchema.shape.timeZone.safeParse(timeZone).success)
    throw new UsageError('--time-zone must be an IANA time zone such as Europe/Brussels');
  const windowMin = intOption('window', v.window, d.windowMin);
  if (windowMin < 1 || windowMin > 120) throw new UsageError('--window must be between 1 and 120 minutes');
  // The stream's surge corroborates a burst from this score (evidence.ts; 0: never, as d3).
  const surgeMin = v['surge-min'] === undefined ? d.surgeMin : Number(v['surge-min']);
  if (!Number.isFinite(surgeMin) || surgeMin < 0) throw new UsageError('--surge-min must be a number ≥ 0');
  if (v.diurnal !== undefined && v.diurnal !== 'on' && v.diurnal !== 'off')
    throw new UsageError('--diurnal must be on or off');
  return {
    diurnal: v.diurnal === undefined ? d.diurnal : v.diurnal === 'on',
    windowMin,
    surgeMin: surgeMin === 0 ? Number.POSITIVE_INFINITY : surgeMin,
    days: intOption('days', v.days, d.days),
    weeks: intOption('weeks', v.weeks, d.weeks),
    threshold,
    k: Math.max(3, intOption('k', v.k, d.k)),
    minPosts: intOption('min-posts', v['min-posts'], d.minPosts),
    warmupDays: intOption('warmup-days', v['warmup-days'], d.warmupDays),
    seedLogOdds: ratio === 0 ? Number.NEGATIVE_INFINITY : Math.log(ratio),
    timeZone,
  };
}
