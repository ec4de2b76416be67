import type { AttackKind, ContextKind } from './lexicon-data';

/** A word of a lexicon entry: matched by its surface, or by its stem unless written `=word`. */
export type Word = { surface: string; stem: string; exact: boolean };

/**
 * Attack phrases that read any article of their class and let particles in: what is said
 * of a group. Calls to exclude or harm keep their words ("in een kamp" is not "in de
 * kampen" of history).
 */
export const LOOSE_KINDS: ReadonlySet<AttackKind> = new Set<AttackKind>([
  'implicit',
  'insinuation',
  'dehumanising',
  'attribute',
]);

/** Particles an attack phrase lets stand between its words, at most (context.tsv `particle`). */
export const MAX_PARTICLES = 2;

/**
 * Determiners a phrase may swap for one another, by class: an article for another ("in een
 * kooi", "in de kooi"), a plural or partitive determiner for another ("dans des cages",
 * "dans les cages"). Possessives stay as written: "*the* hatred" is not "*my* hatred", and
 * "dans *leur* pays" (back to their country) is not "dans *son* pays".
 */
export const DET = '\u0001';
export const DETERMINER_CLASS: Partial<Record<ContextKind, Word>> = {
  article: { surface: `${DET}article`, stem: `${DET}article`, exact: true },
  determiner: { surface: `${DET}determiner`, stem: `${DET}determiner`, exact: true },
};
