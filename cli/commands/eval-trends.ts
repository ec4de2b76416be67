import { basename } from 'node:path';
import { type InjectedBurst, TREND_SCENARIO_IDS, trendScenario } from '@trendwacht/fixtures';
import { type Alert, alertEvent } from '@trendwacht/shared';
import { type Command, UsageError, intOption, parse } from '../command';
import { type DatasetScore, readDataset, scoreDataset } from '../trend-dataset';
import { replayLines } from '../trend-replay';
import { detectorFlags, detectorOptions } from './replay';

/** A burst counts as detected by an alert of its kind and key within this long of its end. */
const GRACE_MS = 60 * 60_000;

export type ScenarioScore = {
  scenario: string;
  description: string;
  detected: boolean;
  delayMin: number | null;
  falseAlerts: number;
  backgroundDays: number;
  falsePerDay: number;
  related: number;
  posts: number;
};

export const evalTrendsCommand: Command = {
  name: 'eval-trends',
  summary: 'replay the trend scenarios (injected bursts); print detection, delay, false alerts',
  usage: `Usage: trendwacht eval-trends [--scenario ID]… [--days N] [--posts-per-day N] [--alerts] [--json]
                            [detector options of \`trendwacht replay\`]
       trendwacht eval-trends --dataset CSV [--onset ISO] [--shift-days N] [--compare] [--alerts] [--json]
                            [--scan-correction on|off] [detector options]

--scan-correction on|off: a window w times the short one is held to a threshold log10 w
lower (as many false alerts a day per window length) for words ordinary language says are
rare; default on (detector d5), off holds every window to the short one's threshold.

--dataset replays a real set (CrisisLex CSV: tweet id, tweet, label; times from the tweet
ids, each tweet its own author) with its original dates, or moved by --shift-days, and
scores it: minutes from --onset to the first alert opened after it, alerts opened in all
and before the onset. Texts stay in memory; only figures are printed. --compare replays
each set a second time with --seed-ratio 0 (every word may open a story, as detector d2
did) and prints both rows. --alerts prints each alert event to stderr as it happens
(event time, series, title, observed/expected, score, authors).

Each scenario is days of synthetic background traffic (daily and weekly rhythm) with one
burst of known onset on its last day: ${TREND_SCENARIO_IDS.join(', ')}. Every scenario is replayed
through the real analysis, aggregation and detector (as \`trendwacht replay\`), then scored:
detected or not (an alert of the burst's kind and key, at most an hour after it ends), the
delay from onset to detection in event time, and false alerts (alerts outside every burst)
per simulated day of background traffic after the warm-up.`,
  async run(args, config) {
    const { values } = parse(args, {
      ...detectorFlags,
      scenario: { type: 'string', multiple: true },
      days: { type: 'string' },
      'posts-per-day': { type: 'string' },
      json: { type: 'boolean' },
      dataset: { type: 'string', multiple: true },
      onset: { type: 'string' },
      'shift-days': { type: 'string' },
      compare: { type: 'boolean' },
      alerts: { type: 'boolean' },
      'scan-correction': { type: 'string' },
    });
    const scan = scanCorrection(values['scan-correction']);
    if (values.dataset) {
      const onset = values.onset === undefined ? null : Date.parse(values.onset);
      if (onset !== null && !Number.isFinite(onset)) throw new UsageError('--onset must be an ISO 8601 time');
      const shift = intOption('shift-days', values['shift-days'], 0) * 86_400_000;
      const scores: DatasetScore[] = [];
      const runs: [string, Partial<Record<keyof typeof detectorFlags, string>>][] = [['', values]];
      if (values.compare) runs.push([' (seed-ratio 0)', { ...values, 'seed-ratio': '0' }]);
      for (const path of values.dataset) {
        const posts = readDataset(path, shift);
        for (const [label, flags] of runs) {
          const r = await replayLines(
            posts.map((p) =>
              JSON.stringify({ id: p.id, text: p.text, createdAt: p.createdAt, authorKey: p.authorKey }),
            ),
            config,
            { ...detectorOptions(flags), ...scan },
            { alert: values.alerts ? (a) => process.stderr.write(`${describeAlert(a)}\n`) : undefined },
          );
          scores.push(scoreDataset(basename(path) + label, r.posts, r.alerts, onset === null ? null : onset + shift));
        }
      }
      process.stdout.write(values.json ? `${JSON.stringify(scores, null, 2)}\n` : `${formatDataset(scores)}\n`);
      return 0;
    }
    const ids = values.scenario ?? TREND_SCENARIO_IDS;
    for (const id of ids) if (!TREND_SCENARIO_IDS.includes(id)) throw new UsageError(`unknown --scenario "${id}"`);
    const options = { ...detectorOptions(values), ...scan };
    const scores: ScenarioScore[] = [];
    const on = { alert: values.alerts ? (a: Alert) => process.stderr.write(`${describeAlert(a)}\n`) : undefined };
    for (const id of ids) {
      const s = trendScenario(id, {
        days: Math.max(3, intOption('days', values.days, 8)),
        postsPerDay: intOption('posts-per-day', values['posts-per-day'], 4000),
      });
      const started = Date.now();
      const r = await replayLines(
        s.posts.map((p) => JSON.stringify(p)),
        config,
        options,
        on,
      );
      const score = scoreScenario(s.bursts, r.alerts, s.days - (options.warmupDays ?? 2));
      scores.push({ scenario: id, description: s.description, posts: r.posts, ...score });
      process.stderr.write(`${id}: ${r.posts} posts replayed in ${Math.round((Date.now() - started) / 1000)} s\n`);
    }
    process.stdout.write(values.json ? `${JSON.stringify(scores, null, 2)}\n` : `${formatScores(scores)}\n`);
    return 0;
  },
};

/** --scan-correction on|off: long windows get log10(w / short window) less threshold or not. */
function scanCorrection(v: string | undefined): { scanCorrection?: boolean } {
  if (v === undefined) return {};
  if (v !== 'on' && v !== 'off') throw new UsageError('--scan-correction must be on or off');
  return { scanCorrection: v === 'on' };
}

/**
 * Scores a scenario from every alert event of its replay. A burst is detected by the first
 * alert event during it of a story holding its series — as its lead or as a member: one
 * story = one alert, and a theme's surge often opens its story with one of its words a
 * minute earlier. The delay runs to that story's opening (or, for a story that was
 * already open or asleep, to the event). False alerts: stories opened outside every burst.
 */
export function scoreScenario(bursts: readonly InjectedBurst[], events: readonly Alert[], backgroundDays: number) {
  const opened = events.filter((a) => alertEvent(a) === 'open');
  const during = (t: number, b: InjectedBurst) => t >= b.onset && t <= b.onset + b.durationMin * 60_000 + GRACE_MS;
  const same = (kind: string, key: string, theme: string, b: InjectedBurst) =>
    kind === b.kind && (b.kind === 'narrative' ? theme === b.key : key === b.key);
  // A narrative burst is keyed by its theme (the scenario cannot know the narrative's id): a
  // story of that theme holds it, as a narrative alert of that theme did before stories.
  const holds = (a: Alert, b: InjectedBurst) =>
    same(a.kind, a.key, a.theme, b) ||
    (a.story?.members ?? []).some((m) => same(m.kind, m.key, m.theme, b)) ||
    (b.kind === 'narrative' && (a.story?.themes ?? []).includes(b.key));
  let detected = true;
  let delay: number | null = null;
  const hits = new Set<string>();
  for (const b of bursts) {
    const hit = events
      .filter((a) => during(a.updatedAt, b) && holds(a, b))
      .sort((x, y) => x.updatedAt - y.updatedAt)[0];
    if (!hit) {
      detected = false;
      continue;
    }
    hits.add(hit.id);
    const at = hit.detectedAt >= b.onset ? hit.detectedAt : hit.updatedAt;
    delay = Math.max(delay ?? 0, (at - b.onset) / 60_000);
  }
  const related = opened.filter((a) => bursts.some((b) => during(a.detectedAt, b)) && !hits.has(a.id)).length;
  const falseAlerts = opened.filter((a) => !bursts.some((b) => during(a.detectedAt, b))).length;
  const days = Math.max(1, backgroundDays);
  return {
    detected,
    delayMin: detected ? delay : null,
    falseAlerts,
    backgroundDays: days,
    falsePerDay: Math.round((falseAlerts / days) * 100) / 100,
    related,
  };
}

/** One line per alert event (--alerts): event time, change, series, title, figures. */
export function describeAlert(a: Alert): string {
  const title = a.story?.title ?? a.key;
  const ratio = a.expected > 0 ? Math.round((a.observed / a.expected) * 10) / 10 : 0;
  return [
    new Date(a.updatedAt).toISOString().slice(0, 16),
    alertEvent(a).padEnd(8),
    `${a.kind}:${a.key}`.padEnd(28),
    `"${title}"`.padEnd(32),
    `${a.observed}/${Math.round(a.expected * 100) / 100} (×${ratio})`,
    `score ${a.score}`,
    `${a.distinctAuthors} authors`,
  ].join(' ');
}

function formatScores(scores: readonly ScenarioScore[]): string {
  const rows = scores.map((s) =>
    [
      s.scenario.padEnd(11),
      (s.detected ? 'yes' : 'NO').padEnd(9),
      (s.delayMin === null ? '–' : `${s.delayMin} min`).padEnd(8),
      `${s.falseAlerts} in ${s.backgroundDays} d`.padEnd(13),
      String(s.falsePerDay).padEnd(9),
      String(s.related).padEnd(8),
      s.description,
    ].join(' '),
  );
  return [
    'Trend detection on injected bursts (event time; targets: delay ≤ 15 min, ≤ 1 false alert a day)',
    '',
    `${'scenario'.padEnd(11)} ${'detected'.padEnd(9)} ${'delay'.padEnd(8)} ${'false alerts'.padEnd(13)} ${'per day'.padEnd(9)} ${'related'.padEnd(8)} burst`,
    ...rows,
    '',
    'related: other alerts during the burst (e.g. the theme of a growing narrative, its words).',
  ].join('\n');
}

function formatDataset(scores: readonly DatasetScore[]): string {
  const rows = scores.map((s) =>
    [
      s.dataset.padEnd(58),
      String(s.posts).padEnd(7),
      (s.firstAfterOnsetMin === null ? '–' : `${s.firstAfterOnsetMin} min`).padEnd(14),
      String(s.opened).padEnd(7),
      String(s.beforeOnset).padEnd(13),
      String(s.escalated),
    ].join(' '),
  );
  return [
    `${'dataset'.padEnd(58)} ${'posts'.padEnd(7)} ${'first alert'.padEnd(14)} ${'opened'.padEnd(7)} ${'before onset'.padEnd(13)} extended`,
    ...rows,
  ].join('\n');
}
