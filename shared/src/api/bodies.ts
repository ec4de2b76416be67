import { z } from 'zod';
import { GRANULARITIES, SPAN_KINDS } from '../enums';
import { ALERT_EVENTS } from '../trends';
import { LabelSchema, guarded } from './contract';

export const ThemeSummarySchema = z.object({
  id: z.string(),
  label: LabelSchema,
  posts: guarded,
  authors: guarded,
  suppressed: z.boolean(),
  tone: z.object({ neg: guarded, neu: guarded, pos: guarded }),
  topTerms: z.array(z.object({ term: z.string(), count: z.number() })),
});
export type ThemeSummary = z.infer<typeof ThemeSummarySchema>;

export const OverviewSchema = z.object({
  tenant: z.string(),
  range: z.enum(SPAN_KINDS),
  from: z.number(),
  to: z.number(),
  k: z.number().int(),
  themes: z.array(ThemeSummarySchema),
});
export type Overview = z.infer<typeof OverviewSchema>;

export const TimelineSchema = z.object({
  theme: z.string(),
  range: z.enum(SPAN_KINDS),
  granularity: z.enum(GRANULARITIES),
  k: z.number().int(),
  points: z.array(z.object({ t: z.number(), posts: guarded })),
});
export type Timeline = z.infer<typeof TimelineSchema>;

/** Counts per category (language, source, target group, stance); each guarded. */
const BreakdownSchema = z.array(z.object({ id: z.string(), posts: guarded }));

/** One theme over a span: its timeline and what it is made of. */
export const ThemeDetailSchema = TimelineSchema.extend({
  label: LabelSchema,
  from: z.number(),
  to: z.number(),
  posts: guarded,
  authors: guarded,
  tone: z.object({ neg: guarded, neu: guarded, pos: guarded }),
  langs: BreakdownSchema,
  sources: BreakdownSchema,
  targets: BreakdownSchema,
  stances: BreakdownSchema,
  topTerms: z.array(z.object({ term: z.string(), count: z.number() })),
});
export type ThemeDetail = z.infer<typeof ThemeDetailSchema>;

export const HealthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  redis: z.enum(['up', 'down']),
  version: z.string(),
});
export type Health = z.infer<typeof HealthSchema>;

/** Published by the worker after each applied batch; forwarded to browsers over SSE. */
export const BatchEventSchema = z.object({
  type: z.literal('batch'),
  tenant: z.string(),
  posts: z.number().int(),
  at: z.number(),
  /** When ingest sealed the batch, and its opaque id: for latency measurement (bench). */
  sealedAt: z.number().optional(),
  batchId: z.string().optional(),
});
export type BatchEvent = z.infer<typeof BatchEventSchema>;

/** Published by the detector when an alert opens, escalates or closes (ids only). */
export const AlertEventSchema = z.object({
  type: z.literal('alert'),
  id: z.string(),
  event: z.enum(ALERT_EVENTS),
  at: z.number(),
});
export type AlertEvent = z.infer<typeof AlertEventSchema>;

export const ErrorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
