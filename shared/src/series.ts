import { PERSPECTIVES, type PerspectiveId } from './enums';
import type { TargetId } from './themes';

/**
 * A series is what the aggregates are kept per (cells of counts, author sketches, top
 * terms): `all`, a theme id, a target group (`tg-<id>`), a narrative (`nr-<id>`), or the
 * terms of one perspective inside a narrative (`nr-<id>.<perspective>`). Theme ids never contain
 * "-", so the prefixes cannot collide with them.
 */
export const targetSeries = (t: TargetId) => `tg-${t}`;
export const narrativeSeries = (id: string) => `nr-${id}`;
export const stanceSeries = (narrative: string, p: PerspectiveId) => `nr-${narrative}.${p}`;

/**
 * The series whose term lists hold a series' terms. A narrative keeps its terms only per
 * perspective; the narrative's own terms are their union (ZUNION of the
 * lists, PFCOUNT over the sketches), which halves the narrative's writes.
 */
export function termSeriesOf(series: string): string[] {
  if (series.startsWith('nr-') && !series.includes('.')) {
    return PERSPECTIVES.map((p) => stanceSeries(series.slice(3), p));
  }
  return [series];
}

/**
 * A narrative's title phrases (3–4 words) rest as one token, their words joined by this
 * modifier letter (U+02D1), so a list of phrases never reads as running text (no 5-word
 * sequence forms across two members: privacy-audit). Shown with spaces.
 */
export const PHRASE_JOIN = '\u02d1';
export const phraseText = (term: string) => term.replaceAll(PHRASE_JOIN, ' ');

/** Alert kinds: what a detector watches. */
export const ALERT_KINDS = ['theme', 'target', 'narrative', 'term'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** Severity grows with how far the observed count is above the expected one. */
export const SEVERITIES = ['low', 'medium', 'high'] as const;
export type Severity = (typeof SEVERITIES)[number];
