import {
  CATEGORIES,
  KERMIS_INCIDENT,
  createRng,
  fillTemplate,
  generateDay,
  generateHistory,
} from '@trendwacht/fixtures';
import { THEME_IDS } from '@trendwacht/shared';
import { createAnalyzer } from '@trendwacht/worker';
import { describe, expect, it } from 'vitest';

const start = Date.parse('2026-11-22T00:00:00Z');
const day = generateDay({ seed: 42, start });

describe('the synthetic sample day', () => {
  it('is deterministic from its seed', () => {
    expect(generateDay({ seed: 42, start })).toEqual(day);
    expect(generateDay({ seed: 43, start })).not.toEqual(day);
  });
  it('has at least 5,000 posts from at least 1,500 fictitious authors over one day, sorted', () => {
    expect(day.length).toBeGreaterThanOrEqual(5000);
    expect(new Set(day.map((p) => p.authorKey)).size).toBeGreaterThanOrEqual(1500);
    const times = day.map((p) => Date.parse(String(p.createdAt)));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(start);
    expect(Math.max(...times)).toBeLessThan(start + 86_400_000);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });
  it('has a history of ordinary days before it: sorted, ids unique, no incident', () => {
    const week = generateHistory({ seed: 42, start, days: 7 });
    const times = week.map((p) => Date.parse(String(p.createdAt)));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(start - 7 * 86_400_000);
    expect(Math.max(...times)).toBeLessThan(start);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(new Set([...week, ...day].map((p) => p.id)).size).toBe(week.length + day.length);
    const incident = new Set(KERMIS_INCIDENT.lines.map((l) => l.text));
    expect(week.some((p) => [...incident].some((t) => p.text.startsWith(t)))).toBe(false);
    expect(week.length).toBeGreaterThan(7 * 5000);
  });
  it('is mostly Dutch, with French and English', () => {
    const share = (l: string) => day.filter((p) => p.lang === l).length / day.length;
    expect(share('nl')).toBeGreaterThan(0.6);
    expect(share('fr')).toBeGreaterThan(0.08);
    expect(share('en')).toBeGreaterThan(0.05);
  });
  it('makes every theme of the taxonomy appear (as the analyser sees it)', () => {
    const analyze = createAnalyzer();
    const seen = new Set<string>();
    for (const p of day) {
      const r = analyze({ id: String(p.id), text: p.text, ...(p.lang ? { lang: p.lang } : {}) });
      if (r.ok) for (const t of r.analysis.themes) if (t.score >= 0.5) seen.add(t.id);
    }
    expect([...seen].sort()).toEqual([...THEME_IDS].sort());
  });
  it('bursts the incident narrative in its hour', () => {
    const onset = start + KERMIS_INCIDENT.at * 3_600_000;
    const inHour = (t: number, h: number) => t >= h && t < h + 3_600_000;
    const kermis = (h: number) =>
      day.filter((p) => /kermis|foire|fair/i.test(p.text) && inHour(Date.parse(String(p.createdAt)), h)).length;
    expect(kermis(onset)).toBeGreaterThan(5 * Math.max(1, kermis(onset - 3_600_000)));
  });

  it('is read by the analysis as written: each category shows its theme, chatter and counter-speech are not hate', () => {
    const analyze = createAnalyzer();
    const rng = createRng(7);
    const rates = new Map<string, { expected: number; hateful: number }>();
    for (const c of CATEGORIES) {
      let n = 0;
      let expected = 0;
      let hateful = 0;
      for (const lang of ['nl', 'fr', 'en'] as const) {
        for (const template of c[lang]) {
          for (let i = 0; i < 20; i++) {
            const r = analyze({ id: 'x', text: fillTemplate(rng, template, lang), lang });
            if (!r.ok) continue;
            n++;
            if (r.analysis.hateful) hateful++;
            if (r.analysis.themes.some((t) => t.id === c.expect && t.score >= 0.5)) expected++;
          }
        }
      }
      rates.set(c.id, { expected: expected / n, hateful: hateful / n });
    }
    for (const c of CATEGORIES) {
      const r = rates.get(c.id);
      if (c.expect) expect(r?.expected, `${c.id} shows its theme`).toBeGreaterThanOrEqual(0.7);
    }
    expect(rates.get('hate')?.hateful).toBeGreaterThanOrEqual(0.95);
    expect(rates.get('chatter')?.hateful, 'chatter read as hate').toBeLessThanOrEqual(0.05);
    expect(rates.get('local')?.hateful, 'local news read as hate').toBeLessThanOrEqual(0.1);
    expect(rates.get('counter')?.hateful, 'counter-speech read as hate').toBeLessThanOrEqual(0.02);
  });
});
