import { z } from 'zod';
import data from './guidance.json';
import type { Label } from './themes';

/**
 * Response guidance for communications officers, per theme, as data (`guidance.json`):
 * angles are how to answer, partners whom a Flemish municipality can call. Checked once at
 * load, so a bad edit fails at start naming the field. Narrative-specific angles (theme ×
 * perspective × trope) live with the narrative pages (dashboard/server/narratives/guidance).
 */
export type Partner = { id: string; name: string; when: Label };
export type Guidance = { theme: string; angles: Label[]; partners: string[]; report?: Label };

const label = z.object({ nl: z.string().min(1), fr: z.string().min(1), en: z.string().min(1) });
const GuidanceSchema = z
  .object({
    source: z.string(),
    partners: z.array(z.object({ id: z.string(), name: z.string(), when: label })),
    angles: z.record(z.string(), label),
    themes: z.array(
      z.object({
        theme: z.string(),
        angles: z.array(z.string()),
        partners: z.array(z.string()),
        report: z.string().optional(),
      }),
    ),
  })
  .superRefine((g, ctx) => {
    const partners = new Set(g.partners.map((p) => p.id));
    for (const t of g.themes) {
      for (const a of [...t.angles, ...(t.report ? [t.report] : [])])
        if (!g.angles[a]) ctx.addIssue({ code: 'custom', message: `${t.theme}: no angle "${a}"` });
      for (const p of t.partners)
        if (!partners.has(p)) ctx.addIssue({ code: 'custom', message: `${t.theme}: no partner "${p}"` });
    }
  });

const DATA = GuidanceSchema.parse(data);

export const PARTNERS: readonly Partner[] = DATA.partners;

export const GUIDANCE: readonly Guidance[] = DATA.themes.map((t) => ({
  theme: t.theme,
  angles: t.angles.map((a) => DATA.angles[a] as Label),
  partners: t.partners,
  ...(t.report ? { report: DATA.angles[t.report] as Label } : {}),
}));

/** The guidance of a theme, with its partners resolved (none for themes without guidance). */
export function guidanceFor(theme: string): { angles: Label[]; partners: Partner[]; report?: Label } | null {
  const g = GUIDANCE.find((x) => x.theme === theme);
  if (!g) return null;
  const partners = PARTNERS.filter((p) => g.partners.includes(p.id));
  return { angles: g.angles, partners, ...(g.report ? { report: g.report } : {}) };
}
