import type { TargetId } from '@trendwacht/shared';
import type { Aim, AttackKind, Group } from './lexicon-data';
import type { TropeHit } from './tropes';

export type Verdict = 'attack' | 'reported' | 'defending' | 'support' | 'neutral' | 'none';

export type Composition = {
  verdict: Verdict;
  /** 0..1, ≥ 0.5 means hateful (0 when no group is attacked). */
  hate: number;
  target?: TargetId;
  group?: Group;
  attack?: AttackKind | 'slur';
  /** Rules that fired: `negation`, `counter_speech`, `reported`, `victim`, `pronoun`, `question`… */
  context: string[];
  /** Lexicon entries that fired (never post text). */
  terms: string[];
  threat?: { aim: Aim | 'person'; score: number };
  tropes: TropeHit[];
  repairs: number;
};

/** A post that names no group, harms no one and carries no trope. */
export const NOTHING: Composition = { verdict: 'none', hate: 0, context: [], terms: [], tropes: [], repairs: 0 };
