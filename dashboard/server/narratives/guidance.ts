import {
  DEFAULT_PARTNERS,
  type ExpertPartner,
  type Label,
  PERSPECTIVES,
  type PerspectiveId,
  guidanceFor,
  partnersFor,
  themeLabel,
} from '@trendwacht/shared';
import type { Scope } from '../http';
import { type Angle, type GuidanceLibrary, guidanceLibrary } from './guidance-schema';
import { narrativeTropes } from './perspectives';
import type { NarrativeRead } from './read';

/** What a narrative's angles are chosen by (all over the window its counts are over). */
export type AngleContext = {
  theme: string;
  shares: Partial<Record<PerspectiveId, number | null>>;
  /** Tropes shown in the narrative (k authors of their own), biggest first. */
  tropes: readonly string[];
  growth: number | null;
};

export type ChosenAngle = {
  id: string;
  kind: string;
  label: Label;
  text: Label;
  /** Why it was chosen: one phrase per key that matched. */
  why: Label[];
  sources: { title: string; url: string }[];
};

/** Angles shown per narrative. */
const SHOWN = 4;
/** What a matched key weighs: a trope says most about which answer helps. */
const WEIGHT = { tropes: 4, perspectives: 2, atLeast: 2, growthAtLeast: 2, themes: 1 } as const;

const LANGS = ['nl', 'fr', 'en'] as const;
const fill = (t: Label, vars: (lang: keyof Label) => Record<string, string>): Label =>
  Object.fromEntries(
    LANGS.map((l) => [l, t[l].replace(/\{(\w+)\}/g, (_, k: string) => vars(l)[k] ?? `{${k}}`)]),
  ) as Label;
const pct = (x: number, lang: keyof Label) => (lang === 'en' ? `${Math.round(x * 100)}%` : `${Math.round(x * 100)} %`);

/** The perspective with the biggest share (none when no share is shown). */
export function dominantOf(shares: AngleContext['shares']): PerspectiveId | null {
  let best: PerspectiveId | null = null;
  for (const p of PERSPECTIVES) if ((shares[p] ?? 0) > (best ? (shares[best] ?? 0) : 0)) best = p;
  return best;
}

/** The reasons an angle applies to a narrative, or null when one of its keys does not match. */
function match(a: Angle, c: AngleContext, lib: GuidanceLibrary): { weight: number; why: Label[] } | null {
  const r = lib.reasons;
  const why: Label[] = [];
  let weight = 0;
  const dominant = dominantOf(c.shares);
  if (a.themes) {
    if (!(a.themes as string[]).includes(c.theme)) return null;
    weight += WEIGHT.themes;
  }
  if (a.perspectives) {
    if (!dominant || !a.perspectives.includes(dominant)) return null;
    weight += WEIGHT.perspectives;
    const share = c.shares[dominant] ?? 0;
    why.push(fill(r.dominant, (l) => ({ perspective: lib.perspectives[dominant][l], share: pct(share, l) })));
  }
  if (a.tropes) {
    const trope = c.tropes.find((t) => a.tropes?.includes(t));
    if (!trope) return null;
    weight += WEIGHT.tropes;
    why.push(fill(r.trope, (l) => ({ trope: lib.tropes[trope]?.[l] ?? trope })));
  }
  for (const [p, min] of Object.entries(a.atLeast ?? {}) as [PerspectiveId, number][]) {
    const share = c.shares[p] ?? 0;
    if (share < min) return null;
    weight += WEIGHT.atLeast;
    why.push(fill(r.atLeast, (l) => ({ perspective: lib.perspectives[p][l], share: pct(share, l), min: pct(min, l) })));
  }
  if (a.growthAtLeast !== undefined) {
    if (c.growth === null || c.growth < a.growthAtLeast) return null;
    weight += WEIGHT.growthAtLeast;
    why.push(fill(r.growth, () => ({ growth: String(c.growth) })));
  }
  if (a.themes) {
    const theme = themeLabel(c.theme);
    why.unshift(why.length === 0 ? r.general : fill(r.theme, (l) => ({ theme: theme[l] })));
  }
  return { weight, why };
}

/**
 * The angles for one narrative: every angle of the library whose keys all match, the most
 * specific first (a trope before a perspective before a theme), one per kind, at most
 * four — each with why it was chosen and the sources of its kind.
 */
export function chooseAngles(c: AngleContext, lib: GuidanceLibrary = guidanceLibrary()): ChosenAngle[] {
  const matched = lib.angles
    .map((a, i) => ({ a, i, m: match(a, c, lib) }))
    .filter((x): x is { a: Angle; i: number; m: { weight: number; why: Label[] } } => x.m !== null)
    .sort((x, y) => y.m.weight - x.m.weight || x.i - y.i);
  const kinds = new Set<string>();
  const out: ChosenAngle[] = [];
  for (const { a, m } of matched) {
    if (kinds.has(a.kind) || out.length >= SHOWN) continue;
    kinds.add(a.kind);
    const kind = lib.kinds[a.kind];
    const sources = (kind?.sources ?? []).flatMap((s) => (lib.sources[s] ? [lib.sources[s]] : []));
    out.push({
      id: a.id,
      kind: a.kind,
      label: kind?.label ?? { nl: a.kind, fr: a.kind, en: a.kind },
      text: a.text,
      why: m.why,
      sources,
    });
  }
  return out;
}

export type PartnerView = Pick<ExpertPartner, 'id' | 'name' | 'contact'> & {
  expertise: Label;
  /** The contact shown is the Flemish expert pool's public page (the tenant filled in none). */
  viaPool: boolean;
};

const POOL = new Set(DEFAULT_PARTNERS.map((p) => p.id));

/** The tenant's expert partners for a theme, with their public contacts (never a person's). */
export function partnerViews(partners: readonly ExpertPartner[], theme: string): PartnerView[] {
  const pool = guidanceLibrary().sources['expert-pool']?.url;
  return partnersFor(partners, theme).map((p) => {
    const { nl } = p.expertise;
    const expertise = { nl, fr: p.expertise.fr ?? nl, en: p.expertise.en ?? nl };
    const none = !p.contact.url && !p.contact.email && !p.contact.phone;
    const viaPool = none && POOL.has(p.id) && pool !== undefined;
    return { id: p.id, name: p.name, expertise, contact: viaPool ? { url: pool } : p.contact, viaPool };
  });
}

/** A narrative's guidance: chosen angles, when to report (the theme's), and whom to call. */
export function narrativeGuidance(c: AngleContext, partners: readonly ExpertPartner[]) {
  const report = guidanceFor(c.theme)?.report;
  return {
    angles: chooseAngles(c),
    dominant: dominantOf(c.shares),
    tropes: [...c.tropes],
    ...(report ? { report } : {}),
    partners: partnerViews(partners, c.theme),
  };
}
export type NarrativeGuidanceView = ReturnType<typeof narrativeGuidance>;

/** The guidance of a narrative read over a span, with its perspectives over the same span. */
export function guidanceOf(
  s: Scope,
  n: NarrativeRead,
  perspectives: readonly { perspective: PerspectiveId; share: number | null }[],
) {
  const shares = Object.fromEntries(perspectives.map((p) => [p.perspective, p.share]));
  const c = { theme: n.summary.theme, shares, tropes: narrativeTropes(n, s.k), growth: n.summary.growth };
  return narrativeGuidance(c, s.settings.partners);
}
