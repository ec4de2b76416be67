import type { Gazetteer, GazetteerKind } from '@trendwacht/shared';
import { ambiguousNames } from './ambiguity';
import { PLACE_CUES, SURNAME_PARTICLES } from './cues';
import { type ReadText, type Token, nameWords, readText } from './text';

/**
 * Local relevance: which of the tenants a post concerns, from their gazetteers, in one pass
 * over its words whatever the number of tenants (one index of every tenant's names).
 *
 * Each name found gives evidence; a tenant takes a post from 2 up (RELEVANT):
 *   - its municipality, a deelgemeente, a landmark, a local hashtag, an official's full
 *     name: 2 — but a name (other than a municipality's) also listed by another tenant
 *     ("Hofstade" is in Aalst and in Zemst) and a one-word official: 1;
 *   - a street, a square, a postcode: 1 (streets repeat from town to town);
 *   - a one-word name that is also an ordinary word ("Geel", "Mol", ambiguity.ts) only with
 *     context: as a hashtag or a capital inside a sentence 2; otherwise 1 for a capital
 *     (sentence start, all capitals, a headline) + 1 for a locative or place noun before it
 *     ("in", "naar", "stad", cues.tsv) + 2 for the tenant's postcode beside it; after a
 *     capitalised word and a particle ("Tom Van Geel") it is a surname: nothing.
 * Posts of a source the tenant marks as local count without any name. A tenant without a
 * gazetteer takes every post of its sources (no filter).
 */
export const RELEVANT = 2;

export type RelevanceTenant = {
  tenant: string;
  gazetteer: Gazetteer;
  officials?: readonly string[];
  localSources?: readonly string[];
};

type EntryKind = GazetteerKind | 'official';
type Entry = {
  tenant: string;
  kind: EntryKind;
  words: string[];
  weight: 1 | 2;
  ambiguous: boolean;
  /** One word that may be part of a person's name ("Tom Van Geel"). */
  nameLike: boolean;
  /** Matched only as a hashtag (a multi-word name run together, a hashtag that is also a word). */
  tagOnly: boolean;
};

/** Why a tenant took a post: rule names, never text. */
export type Verdict = { tenant: string; score: number; reasons: string[] };

const WEIGHT: Record<EntryKind, 1 | 2> = {
  municipality: 2,
  deelgemeente: 2,
  landmark: 2,
  hashtag: 2,
  official: 2,
  street: 1,
  square: 1,
  postcode: 1,
};

export class RelevanceIndex {
  /** Entries by their first folded word. */
  private readonly byFirst = new Map<string, Entry[]>();
  private readonly unfiltered = new Set<string>();
  private readonly localBySource = new Map<string, string[]>();
  private readonly postcodes = new Map<string, Set<string>>();
  readonly tenants: readonly string[];

  constructor(tenants: readonly RelevanceTenant[]) {
    this.tenants = tenants.map((t) => t.tenant);
    const raw: (Omit<Entry, 'weight' | 'ambiguous' | 'tagOnly' | 'nameLike'> & { joined?: true })[] = [];
    for (const t of tenants) {
      for (const s of t.localSources ?? []) this.localBySource.set(s, [...(this.localBySource.get(s) ?? []), t.tenant]);
      const kinds = Object.entries(t.gazetteer) as [GazetteerKind, string[]][];
      if (kinds.every(([, list]) => list.length === 0)) {
        if ((t.localSources ?? []).length === 0) this.unfiltered.add(t.tenant);
        continue;
      }
      for (const [kind, list] of kinds) {
        for (const name of list) {
          const words = nameWords(name);
          if (words.length === 0) continue;
          raw.push({ tenant: t.tenant, kind, words });
          if (kind === 'postcode') this.postcodes.set(t.tenant, (this.postcodes.get(t.tenant) ?? new Set()).add(name));
          // A multi-word name also as one hashtag: #SintNiklaas, #GroteMarkt.
          if (words.length > 1 && kind !== 'street')
            raw.push({ tenant: t.tenant, kind, words: [words.join('')], joined: true });
        }
      }
      for (const o of t.officials ?? []) {
        const words = nameWords(o);
        if (words.length > 0) raw.push({ tenant: t.tenant, kind: 'official', words });
      }
    }
    // A name several tenants list tells them apart less: it weighs 1.
    const owners = new Map<string, Set<string>>();
    for (const e of raw) {
      const key = e.words.join(' ');
      owners.set(key, (owners.get(key) ?? new Set()).add(e.tenant));
    }
    const ambiguous = ambiguousNames(
      raw.filter((e) => e.words.length === 1 && e.kind !== 'postcode').map((e) => e.words[0] as string),
    );
    for (const e of raw) {
      const key = e.words.join(' ');
      // A municipality's own name is its own (two tenants may watch the same town).
      const shared = e.kind !== 'municipality' && (owners.get(key)?.size ?? 0) > 1;
      const single = e.words.length === 1;
      const weight: 1 | 2 = shared || (e.kind === 'official' && single) ? 1 : WEIGHT[e.kind];
      const isWord = single && ambiguous.get(key) === 'word';
      const entry: Entry = {
        tenant: e.tenant,
        kind: e.kind,
        words: e.words,
        weight,
        // A hashtag is never read for context: as a tag it counts, as a plain word it is the word.
        ambiguous: isWord && e.kind !== 'hashtag',
        tagOnly: e.joined === true || (isWord && e.kind === 'hashtag'),
        nameLike: single && e.kind !== 'hashtag' && e.kind !== 'postcode' && e.kind !== 'official',
      };
      const first = e.words[0] as string;
      const list = this.byFirst.get(first);
      if (list) list.push(entry);
      else this.byFirst.set(first, [entry]);
    }
  }

  /** Whether any tenant filters at all (else every post goes to every tenant). */
  get filtering(): boolean {
    return this.unfiltered.size < this.tenants.length;
  }

  /** The tenants a post concerns, with why. */
  verdicts(post: { text: string; source: string; tags?: readonly string[] }): Verdict[] {
    const out = new Map<string, Verdict>();
    for (const t of this.unfiltered) out.set(t, { tenant: t, score: RELEVANT, reasons: ['relevance:off'] });
    for (const t of this.localBySource.get(post.source) ?? [])
      out.set(t, { tenant: t, score: RELEVANT, reasons: ['source:local'] });
    if (out.size === this.tenants.length || this.byFirst.size === 0) return [...out.values()];
    const read = readText(
      post.tags && post.tags.length > 0 ? `${post.text}\n${post.tags.map((t) => `#${t}`).join(' ')}` : post.text,
    );
    // Per tenant: the strongest evidence of each entry (a name said twice counts once).
    const found = new Map<string, Map<Entry, number>>();
    const { tokens } = read;
    for (let i = 0; i < tokens.length; i++) {
      const entries = this.byFirst.get((tokens[i] as Token).w);
      if (!entries) continue;
      for (const e of entries) {
        if (out.has(e.tenant) || (e.tagOnly && !(tokens[i] as Token).tag)) continue;
        if (!follows(tokens, i, e.words)) continue;
        let w: number = e.weight;
        if (e.nameLike && !(tokens[i] as Token).tag) w = Math.min(w, asSurname(tokens, i));
        if (e.ambiguous) w = Math.min(w, contextWeight(read, i, this.postcodes.get(e.tenant)));
        if (w <= 0) continue;
        let per = found.get(e.tenant);
        if (!per) {
          per = new Map();
          found.set(e.tenant, per);
        }
        per.set(e, Math.max(per.get(e) ?? 0, w));
      }
    }
    for (const [tenant, per] of found) {
      let score = 0;
      const reasons: string[] = [];
      for (const [e, w] of per) {
        score += w;
        reasons.push(`place:${e.kind}${e.ambiguous ? ':context' : ''}`);
      }
      if (score >= RELEVANT) out.set(tenant, { tenant, score, reasons });
    }
    return [...out.values()];
  }

  /** The tenants a post concerns. */
  tenantsFor(post: { text: string; source: string; tags?: readonly string[] }): string[] {
    return this.verdicts(post).map((v) => v.tenant);
  }
}

function follows(tokens: readonly Token[], i: number, words: readonly string[]): boolean {
  for (let j = 1; j < words.length; j++) if (tokens[i + j]?.w !== words[j]) return false;
  return true;
}

/**
 * A place name after a surname particle: "Tom Van Geel", "Jan De Mol" (Flemish surnames
 * write the particle with a capital) are persons: 0; "Jan van Aalst" may be one, "de Grote
 * Markt van Aalst" is not: 1. Otherwise no limit (2).
 */
function asSurname(tokens: readonly Token[], i: number): number {
  const prev = tokens[i - 1];
  const before = tokens[i - 2];
  if (!prev || !SURNAME_PARTICLES.has(prev.w) || !before?.cap || PLACE_CUES.has(before.w)) return 2;
  return prev.cap ? 0 : 1;
}

/** Evidence that a one-word name which is also an ordinary word is used as a place here. */
function contextWeight(read: ReadText, i: number, postcodes: ReadonlySet<string> | undefined): number {
  const { tokens, titleCase } = read;
  const t = tokens[i] as Token;
  const prev = tokens[i - 1];
  if (t.tag) return 2;
  if (t.cap && !t.start && !titleCase && !(prev?.cap && !prev.start && !PLACE_CUES.has(prev.w))) return 2;
  let w = t.cap || t.upper ? 1 : 0;
  if (prev && !t.start && PLACE_CUES.has(prev.w)) w += 1;
  const next = tokens[i + 1];
  if (postcodes && ((prev && postcodes.has(prev.w)) || (next && postcodes.has(next.w)))) w += 2;
  return w;
}
