import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { THEME_IDS, type TargetId, type ThemeId } from '@trendwacht/shared';
import { z } from 'zod';
import { readTsv } from '../../tsv';
import type { AnalysedLang } from '../lexicon';

/**
 * The detection lexicons (`worker/lexicons/<lang>/*.tsv`, see its README): read once per
 * language, each file checked against its schema, so a bad row fails loudly at start with
 * its file and line, never silently at analysis time.
 */
export const LEXICON_DIR = fileURLToPath(new URL('../../../lexicons/', import.meta.url));

export const GROUPS = ['women', 'trans', 'gay', 'black', 'disabled', 'muslims', 'migrants', 'jews', 'roma'] as const;
export type Group = (typeof GROUPS)[number];
/**
 * Who a threat can be aimed at beyond the protected groups (`officials`), and names that
 * stand in for a group in its conspiracy tropes (`coded_jews`: "Soros", "the globalists") —
 * they make a trope about that group, never a target of hate themselves.
 */
export type Aim = Group | 'officials' | 'coded_jews';

/** The dashboard's target groups: trans and gay people are both `lgbtq` there. */
export const TARGET_OF: Record<Group, TargetId> = {
  women: 'women',
  trans: 'lgbtq',
  gay: 'lgbtq',
  black: 'black',
  disabled: 'disabled',
  muslims: 'muslims',
  migrants: 'migrants',
  jews: 'jews',
  roma: 'roma',
};

export const ATTACK_KINDS = [
  'emotion',
  'attribute',
  'dehumanising',
  'profanity',
  'exclusion',
  'violence',
  'death',
  'implicit',
  'insinuation',
  'positive',
  'tolerate',
  'expel',
  'perish',
  'pity',
] as const;
export type AttackKind = (typeof ATTACK_KINDS)[number];

export const CONTEXT_KINDS = [
  'negation',
  'counter',
  'report',
  'victim',
  'intent',
  'modal',
  'pronoun',
  'copula',
  'self',
  'support',
  'speaker',
  'boundary',
  'addressee',
  'complementizer',
  'intensifier',
  'less',
  'source',
  'idiom',
  'agent',
  'descriptive',
  'article',
  'conjunction',
  'preposition',
  'rhetorical',
  'relative',
  'personal',
  'people',
  'restrictive',
  'celebrate',
  'ever',
  'nothing',
  'comparative',
  'debunk',
  'belief',
  'possessive',
  'determiner',
  'rather',
  'than',
  'what',
  'particle',
  'condition',
  'wh',
  'agentive',
  'when',
  'still',
  'presume',
  'halt',
  'third',
  'status',
  'more',
  'complain',
  'nonexistent',
  'conditional',
  'unreal',
  'because',
] as const;
export type ContextKind = (typeof CONTEXT_KINDS)[number];

/** Kinds of the words behind the context rules (`cues.tsv`): how something is said. */
export const CUE_KINDS = [
  'counter',
  'reported',
  'support',
  'self_identity',
  'dehumanising',
  'stereotype',
  'second_person',
  'informing',
  'hostile',
  'victim',
  'intent',
] as const;
export type CueKind = (typeof CUE_KINDS)[number];

const term = z
  .string()
  .min(1)
  .refine((s) => s === s.toLowerCase(), 'terms are lowercase');
const source = z.string().regex(/^[a-z][a-z0-9-]*$/, 'a source id like "trendwacht" or "ihra"');
const FRAME_SYNTAX = /^!?[a-z_]+(?:\|!?[a-z_]+)*(?:\+!?[a-z_]+(?:\|!?[a-z_]+)*)+$/;
/** Parts of a frame the detector knows without a claims entry: a group named, a people, a number. */
export const BUILT_IN_PARTS = ['group', 'people', 'number'] as const;
const aim = z.enum([...GROUPS, 'officials', 'coded_jews']);

const SCHEMAS = {
  groups: z.object({ term, group: aim, source }),
  slurs: z.object({ term, group: z.enum(GROUPS), source }),
  attacks: z.object({ term, kind: z.enum(ATTACK_KINDS), source }),
  context: z.object({ term, kind: z.enum(CONTEXT_KINDS), source }),
  tropes: z.object({
    term,
    theme: z.enum(THEME_IDS),
    trope: z.string().regex(/^[a-z_0-9]+$/),
    needs: z.union([z.literal('-'), z.literal('people'), z.enum(GROUPS)]),
    source,
  }),
  cues: z.object({ term, kind: z.enum(CUE_KINDS), source }),
  homonyms: z.object({ slur: term, sense: term, source }),
  claims: z.object({ term, kind: z.string().regex(/^[a-z_]+$/, 'a claim kind like "benefit"'), source }),
  frames: z.object({
    frame: z
      .string()
      .regex(FRAME_SYNTAX, 'claim kinds joined by "+", alternatives by "|", "!" for denied ("!talk+camp")'),
    theme: z.enum(THEME_IDS),
    trope: z.string().regex(/^[a-z_0-9]+$/),
    source,
  }),
} as const;
export type LexiconFile = keyof typeof SCHEMAS;
export const LEXICON_FILES = Object.keys(SCHEMAS) as LexiconFile[];

export type GroupEntry = { term: string; group: Aim; source: string };
export type SlurEntry = { term: string; group: Group; source: string };
export type AttackEntry = { term: string; kind: AttackKind; source: string };
export type ContextEntry = { term: string; kind: ContextKind; source: string };
/** `-`: carries its theme alone; a group: said of that group; `people`: of any people ("whites", "our people", a group). */
export type TropeNeeds = Group | '-' | 'people';
export type TropeEntry = { term: string; theme: ThemeId; trope: string; needs: TropeNeeds; source: string };
/** A word or phrase of a kind that frames combine ("benefit": "gratis", "free"). */
export type ClaimEntry = { term: string; kind: string; source: string };
/**
 * A claim made of parts said together in one sentence (or the next): each part a claim
 * kind or a built-in part, with alternatives ("group+benefit+number|quantity"); `!kind` is
 * that kind denied ("!talk": "praat niet meer met", "never debate with").
 */
export type FrameEntry = { parts: string[][]; theme: ThemeId; trope: string; source: string };

export type Lexicons = {
  groups: GroupEntry[];
  slurs: SlurEntry[];
  attacks: AttackEntry[];
  context: ContextEntry[];
  tropes: TropeEntry[];
  claims: ClaimEntry[];
  frames: FrameEntry[];
  cues: { term: string; kind: CueKind; source: string }[];
  /** Words of a slur's other sense: beside them it is that sense ("a litter of puppies"). */
  homonyms: { slur: string; sense: string; source: string }[];
};

export class LexiconError extends Error {}

/** A language's cues (`cues.tsv`) by kind: the legacy context rules' word lists. */
export function loadCues(lang: AnalysedLang, dir: string = LEXICON_DIR): Record<CueKind, string[]> {
  const out = Object.fromEntries(CUE_KINDS.map((k) => [k, [] as string[]])) as Record<CueKind, string[]>;
  for (const e of loadLexicons(lang, dir).cues) out[e.kind].push(e.term);
  return out;
}

/** Parses one TSV lexicon file: `#` comments, a header naming the columns, then rows. */
export function parseLexicon<F extends LexiconFile>(
  file: F,
  text: string,
  where: string,
): z.infer<(typeof SCHEMAS)[F]>[] {
  const schema = SCHEMAS[file];
  const { header, rows } = readTsv(text);
  const expected = Object.keys(schema.shape);
  if (header.join(',') !== expected.join(',')) {
    throw new LexiconError(`${where}: header must be ${expected.join(' ')} (tab-separated)`);
  }
  const out: z.infer<(typeof SCHEMAS)[F]>[] = [];
  for (const { line, cells } of rows) {
    if (cells.length !== header.length) {
      throw new LexiconError(`${where}:${line}: ${cells.length} columns, expected ${header.length}`);
    }
    const row = Object.fromEntries(header.map((h, j) => [h, (cells[j] as string).trim()]));
    const parsed = schema.safeParse(row);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new LexiconError(`${where}:${line}: ${issue?.path.join('.')}: ${issue?.message}`);
    }
    out.push(parsed.data as z.infer<(typeof SCHEMAS)[F]>);
  }
  return out;
}

const cache = new Map<AnalysedLang, Lexicons>();

/** A language's lexicons, from `dir` (default: the committed ones), read on first use. */
export function loadLexicons(lang: AnalysedLang, dir: string = LEXICON_DIR): Lexicons {
  const cached = dir === LEXICON_DIR ? cache.get(lang) : undefined;
  if (cached) return cached;
  const read = <F extends LexiconFile>(file: F) => {
    const path = `${dir}${lang}/${file}.tsv`;
    return parseLexicon(file, readFileSync(path, 'utf8'), `${lang}/${file}.tsv`);
  };
  const lex: Lexicons = {
    groups: read('groups'),
    slurs: read('slurs'),
    attacks: read('attacks'),
    context: read('context'),
    tropes: read('tropes') as TropeEntry[],
    claims: read('claims'),
    frames: [],
    cues: read('cues'),
    homonyms: read('homonyms'),
  };
  // Frames are the same claims in every language (the words of their parts differ): one
  // file for all, unless a language brings its own.
  const own = existsSync(`${dir}${lang}/frames.tsv`);
  const framesAt = own ? `${lang}/frames.tsv` : 'frames.tsv';
  lex.frames = framesOf(
    parseLexicon('frames', readFileSync(`${dir}${framesAt}`, 'utf8'), framesAt),
    lex.claims,
    framesAt,
  );
  if (dir === LEXICON_DIR) cache.set(lang, lex);
  return lex;
}

/** Frames with their parts split; a part that is neither a claim kind nor built in fails loudly. */
function framesOf(
  rows: readonly { frame: string; theme: ThemeId; trope: string; source: string }[],
  claims: readonly ClaimEntry[],
  where: string,
): FrameEntry[] {
  const known = new Set<string>([...BUILT_IN_PARTS, ...claims.map((c) => c.kind)]);
  return rows.map((r) => {
    const parts = r.frame.split('+').map((p) => p.split('|'));
    const unknown = parts.flat().find((k) => !known.has(k.replace(/^!/u, '')));
    if (unknown) throw new LexiconError(`${where}: frame ${r.frame}: no claim of kind "${unknown}"`);
    return { parts, theme: r.theme, trope: r.trope, source: r.source };
  });
}
