import type { PerspectiveId, ThemeHit } from '@trendwacht/shared';
import { scrub } from '@trendwacht/shared';
import { type AnalysedLang, stem } from '../analysis/lexicon';
import { normaliseText } from '../analysis/normalise';
import type { PreparedText } from '../analysis/pipeline';
import { clauseIds, tokenise } from '../analysis/tokenise';
import { perspectiveCues } from './lexicon';

/** A theme counts a post from this score on (as aggregate.ts). */
const PUSH_SCORE = 0.5;

/**
 * What a post says about its stance inside a narrative, read in memory from its text (once
 * scrubbed and normalised, like the analysis reads it): perspective cues of
 * `perspective-cues.tsv`, whether it asks, whether it quotes. Never stored.
 */
export type Reading = {
  tokens: readonly string[];
  /** The clause each token is in (phrases stay inside one); read when first asked. */
  readonly clauses: number[];
  cues: ReadonlySet<PerspectiveId>;
  question: boolean;
  /** The words between quotation marks (lower case, spaced), '' when none. */
  quoted: string;
};

/** Words between quotation marks: someone else's words (a report, a quote to refute). */
const QUOTED = /["“„«‘]\s*([^"“”„«»‘’\s][^"“”„«»]{3,})["”»’]/gu;

/**
 * A post's reading, once per post object and language: a post of a shared stream is
 * folded into every tenant that wants it, and read once for all of them.
 */
const READ = new WeakMap<object, { lang: AnalysedLang; reading: Reading }>();

export function readPostOnce(lang: AnalysedLang, post: { text: string }, prepared?: PreparedText): Reading {
  const known = READ.get(post);
  if (known?.lang === lang) return known.reading;
  const reading = readPost(lang, post.text, prepared);
  READ.set(post, { lang, reading });
  return reading;
}

/**
 * `prepared`: what the analysis already read of this very text in this language
 * (pipeline.ts, preparedText): its normalised text and words are taken, not made again.
 */
export function readPost(lang: AnalysedLang, text: string, prepared?: PreparedText): Reading {
  const clean = prepared ? prepared.clean : normaliseText(scrub(text).text);
  const tokens = prepared ? prepared.tokens : tokenise(clean);
  const stems = prepared?.stems ?? tokens.map((t) => stem(lang, t));
  const cues = new Set(
    perspectiveCues()
      [lang].find(stems, tokens)
      .map((m) => m.value),
  );
  const quoted = [...clean.matchAll(QUOTED)].map((m) => tokenise(m[1] ?? '').join(' ')).join(' | ');
  let clauses: number[] | undefined;
  return {
    tokens,
    get clauses() {
      clauses ??= clauseIds(clean);
      return clauses;
    },
    cues,
    question: clean.includes('?'),
    quoted,
  };
}

/** The hit's claim is said only inside quotation marks: every taxonomy term that fired is quoted. */
function quotesTheClaim(r: Reading, hit: ThemeHit | undefined): boolean {
  if (!r.quoted) return false;
  const terms = (hit?.because ?? []).filter((b) => b.startsWith('term:')).map((b) => b.slice(5).toLowerCase());
  if (terms.length === 0) return !hit;
  return terms.every((t) => r.quoted.includes(tokenise(t).join(' ')));
}

/** The analysis' reasons that a theme hit counters its claim (counter-speech, defending or supporting a group). */
const COUNTER_REASONS = ['rule:counter_speech', 'compose:defending', 'compose:support'];

/**
 * A post's perspective towards a narrative of the theme `hit` is in (or, for a post that
 * does not score in the theme, `hit` undefined and `others` its hits in other themes):
 * - countering: the analysis read counter-speech or defence, or a countering cue;
 * - informing: the analysis read reporting (`informing`, `compose:reported`), an informing
 *   cue, or the claim said only between quotation marks (someone else's words);
 * - asking: a question with an asking cue, or one that does not itself push the claim
 *   (a rhetorical question that carries the claim is pushing);
 * - pushing: the post scores in the theme otherwise. The analysis' `defending` from a
 *   negation alone ("durven niet meer buiten") is no counter-argument: still pushing.
 * null: a post outside the theme with none of these does not take part in the narrative.
 */
export function perspectiveOf(
  r: Reading,
  hit: ThemeHit | undefined,
  others: readonly ThemeHit[] = [],
): PerspectiveId | null {
  // One of the analysis' reasons, of `hit` or of the `others`.
  const because = (reason: string) =>
    hit?.because?.includes(reason) === true || others.some((h) => h.because?.includes(reason));
  const pushes = hit !== undefined && hit.score >= PUSH_SCORE && hit.stance !== 'informing';
  if (COUNTER_REASONS.some(because) || r.cues.has('countering')) return 'countering';
  const reported = hit?.stance === 'informing' || because('compose:reported');
  if (reported || r.cues.has('informing') || quotesTheClaim(r, hit)) return 'informing';
  if (r.question && (r.cues.has('asking') || !pushes)) return 'asking';
  if (r.cues.has('asking')) return 'asking';
  if (pushes) return 'pushing';
  return null;
}
