import type { Stance } from './enums';
import type { TargetId } from './themes';

/**
 * A series is what the aggregates are kept per (cells of counts, author sketches, top
 * terms): `all`, a theme id, a target group (`tg-<id>`), a narrative (`nr-<id>`), or the
 * terms of one stance inside a narrative (`nr-<id>.<stance>`). Theme ids never contain
 * "-", so the prefixes cannot collide with them.
 */
export const targetSeries = (t: TargetId) => `tg-${t}`;
export const narrativeSeries = (id: string) => `nr-${id}`;
export const stanceSeries = (narrative: string, stance: Stance) => `nr-${narrative}.${stance}`;

/** Alert kinds: what a detector watches. */
export const ALERT_KINDS = ['theme', 'target', 'narrative', 'term'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** Severity grows with how far the observed count is above the expected one. */
export const SEVERITIES = ['low', 'medium', 'high'] as const;
export type Severity = (typeof SEVERITIES)[number];
