import { readFileSync } from 'node:fs';
import { parseGazetteerCsv } from '@trendwacht/shared';
import { RelevanceIndex, type RelevanceTenant } from '../relevance/match';
import { readTsv } from '../tsv';
import { type Pair, falsePositiveRate, prf } from './metrics';

/**
 * Local relevance measured on our own synthetic suite (`eval/suites/relevance/`): four
 * municipalities with their gazetteers, posts that name them, posts that use their names
 * as ordinary words or surnames ("geel", "Tom Van Geel"), national talk, other towns and
 * posts of local sources. Every (post, municipality) pair is one decision. No text is
 * reported: counts, kinds and scores only.
 */
const DIR = new URL('../../../eval/suites/relevance/', import.meta.url);

export type RelevanceCase = { id: string; kind: string; tenants: string[]; source: string; text: string };

export type RelevanceReport = {
  cases: number;
  tenants: number;
  /** Over every (post, municipality) pair. */
  overall: { precision: number; recall: number; f1: number; pairs: number };
  /** Per kind: recall where the gold names a town, false-positive rate where it names none. */
  kinds: Record<string, { n: number; recall?: number; falsePositiveRate?: number }>;
  /** Relevance per post on one core (µs), over the suite's tenants. */
  microsPerPost: number;
};

function tsv(name: string) {
  return readTsv(readFileSync(new URL(name, DIR), 'utf8'));
}

export function loadRelevanceSuite(): { tenants: RelevanceTenant[]; cases: RelevanceCase[] } {
  const tenants = tsv('tenants.tsv').rows.map(({ line, cells: [tenant, file, local] }) => {
    const csv = parseGazetteerCsv(readFileSync(new URL(file as string, DIR), 'utf8'));
    if (csv.errors.length > 0) throw new Error(`tenants.tsv:${line}: ${file}: ${csv.errors[0]?.message}`);
    const localSources = local && local !== '-' ? local.split(',') : [];
    return { tenant: tenant as string, gazetteer: csv.gazetteer, officials: csv.officials, localSources };
  });
  const names = new Set(tenants.map((t) => t.tenant));
  const cases = tsv('cases.tsv').rows.map(({ line, cells: [id, kind, gold, source, text] }) => {
    const list = gold === '-' ? [] : (gold ?? '').split(',');
    for (const t of list) if (!names.has(t)) throw new Error(`cases.tsv:${line}: unknown tenant "${t}"`);
    if (!id || !kind || !source || !text) throw new Error(`cases.tsv:${line}: five columns expected`);
    return { id, kind, tenants: list, source, text };
  });
  return { tenants, cases };
}

export function runRelevance(): RelevanceReport {
  const { tenants, cases } = loadRelevanceSuite();
  const index = new RelevanceIndex(tenants);
  const pairs: (Pair & { kind: string })[] = [];
  for (const c of cases) {
    const got = new Set(index.tenantsFor({ text: c.text, source: c.source }));
    for (const t of tenants) pairs.push({ kind: c.kind, gold: c.tenants.includes(t.tenant), pred: got.has(t.tenant) });
  }
  const kinds: RelevanceReport['kinds'] = {};
  for (const kind of [...new Set(cases.map((c) => c.kind))]) {
    const ofKind = cases.filter((c) => c.kind === kind);
    const p = pairs.filter((x) => x.kind === kind);
    const positives = p.filter((x) => x.gold);
    kinds[kind] = {
      n: ofKind.length,
      ...(positives.length > 0 ? { recall: prf(p).recall } : {}),
      falsePositiveRate: falsePositiveRate(p),
    };
  }
  const rounds = 200;
  for (let r = 0; r < 20; r++) for (const c of cases) index.tenantsFor({ text: c.text, source: c.source });
  const t0 = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) for (const c of cases) index.tenantsFor({ text: c.text, source: c.source });
  const micros = Number(process.hrtime.bigint() - t0) / 1000 / (rounds * cases.length);
  return {
    cases: cases.length,
    tenants: tenants.length,
    overall: { ...prf(pairs), pairs: pairs.length },
    kinds,
    microsPerPost: Math.round(micros * 10) / 10,
  };
}

export function formatRelevance(r: RelevanceReport): string {
  const pct = (x: number | undefined) => (x === undefined ? '   —  ' : `${(x * 100).toFixed(1).padStart(5)}%`);
  const lines = [
    `Local relevance (eval/suites/relevance: ${r.cases} posts × ${r.tenants} municipalities, ${r.microsPerPost} µs a post)`,
    `  overall  precision ${pct(r.overall.precision)}  recall ${pct(r.overall.recall)}  F1 ${pct(r.overall.f1)}  (${r.overall.pairs} pairs)`,
    '  kind               n   recall   false positives',
    ...Object.entries(r.kinds).map(
      ([k, v]) => `  ${k.padEnd(16)} ${String(v.n).padStart(3)}   ${pct(v.recall)}   ${pct(v.falsePositiveRate)}`,
    ),
  ];
  return lines.join('\n');
}
