import type { Analysis, PerspectiveId, ThemeHit, Tone } from '@trendwacht/shared';

/** From this toxicity a post reads hostile (as aggregate.ts counts `toxic`). */
const TOXIC = 0.5;
/** Sentiment beyond ±this is a tone (as aggregate.ts reads it). */
const SENTIMENT = 0.1;

/**
 * A post's tone inside a narrative, from the signals the analysis already gives. The
 * analysis' sentiment is the mean polarity of Pattern's (mostly adjective) lexicon words,
 * so an us-versus-them post without adjectives ("Genoeg is genoeg", "c'est nous contre
 * eux") reads 0, neutral: a polarisation narrative showed "negative 0". A post that pushes
 * the claim while the analysis read it as attacking a group, or that is hateful or toxic,
 * is negative whatever its adjectives; otherwise the sentiment decides.
 */
export function narrativeTone(a: Analysis, hit: ThemeHit | undefined, perspective: PerspectiveId): Tone {
  if (a.hateful || a.toxicity >= TOXIC || a.sentiment < -SENTIMENT) return 'neg';
  if (perspective === 'pushing' && hit?.stance === 'attacking') return 'neg';
  return a.sentiment > SENTIMENT ? 'pos' : 'neu';
}
