import { z } from 'zod';
import { GRANULARITIES, PERSPECTIVES } from '../enums';
import { PartnerContactSchema } from '../settings-partners';
import { THEME_IDS } from '../themes';
import { NarrativeSummarySchema, PerspectiveSchema } from '../trends';
import { LabelSchema, TENANT, epochMs, guarded, route } from './contract';
import { SpanQuery } from './reads';

// --- Narratives ---
export const NarrativesQuery = SpanQuery.extend({ theme: z.enum(THEME_IDS) });
export const NarrativeListSchema = z.object({
  theme: z.enum(THEME_IDS),
  k: z.number().int(),
  window: z.object({ from: epochMs, to: epochMs }),
  narratives: z.array(NarrativeSummarySchema),
});
export const ToneSchema = z.object({ neg: guarded, neu: guarded, pos: guarded });
export const LineageEventSchema = z.object({
  at: epochMs,
  kind: z.enum(['founded', 'grew_out_of', 'merged_into', 'absorbed']),
  /** The other narrative, by title (null when it has fewer than k authors: not named). */
  other: z.object({ id: z.string(), title: z.string() }).nullable(),
});
export const RESPONSE_CHANNELS = ['website', 'social', 'press', 'newsletter', 'meeting', 'other'] as const;
export const ResponseBody = z.object({
  at: z.number().int().positive(),
  channel: z.enum(RESPONSE_CHANNELS),
  note: z.string().max(500).default(''),
});
export const LoggedResponseSchema = z.object({
  at: epochMs,
  channel: z.enum(RESPONSE_CHANNELS),
  note: z.string(),
  loggedAt: epochMs,
});
/** The narrative a day before or after a response: posts, authors, languages, perspective shares. */
const ResponseWindowSchema = z
  .object({
    from: epochMs,
    to: epochMs,
    posts: guarded,
    authors: guarded,
    langs: z.array(z.string()),
    shares: z.record(z.enum(PERSPECTIVES), z.number().nullable()),
  })
  .nullable();
export const ResponseViewSchema = LoggedResponseSchema.extend({
  before: ResponseWindowSchema,
  after: ResponseWindowSchema,
});
export type ResponseView = z.infer<typeof ResponseViewSchema>;
/** A response angle chosen for a narrative, with why and the sources of its kind. */
export const ChosenAngleSchema = z.object({
  id: z.string(),
  kind: z.string(),
  label: LabelSchema,
  text: LabelSchema,
  why: z.array(LabelSchema),
  sources: z.array(z.object({ title: z.string(), url: z.string() })),
});
/** An expert partner of the narrative's theme as the page shows it (an organisation's public contact). */
export const PartnerViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  expertise: LabelSchema,
  contact: PartnerContactSchema,
  /** The contact shown is the Flemish expert pool's page (the tenant filled in none). */
  viaPool: z.boolean(),
});
export const NarrativeGuidanceSchema = z.object({
  angles: z.array(ChosenAngleSchema),
  dominant: z.enum(PERSPECTIVES).nullable(),
  tropes: z.array(z.string()),
  report: LabelSchema.optional(),
  partners: z.array(PartnerViewSchema),
});
export type NarrativeGuidance = z.infer<typeof NarrativeGuidanceSchema>;
export const NarrativeDetailSchema = NarrativeSummarySchema.extend({
  k: z.number().int(),
  granularity: z.enum(GRANULARITIES),
  tone: ToneSchema,
  perspectives: z.array(PerspectiveSchema),
  responses: z.array(ResponseViewSchema),
  lineage: z.array(LineageEventSchema),
  /** How to respond: angles chosen for this narrative, when to report, whom to call. */
  guidance: NarrativeGuidanceSchema.nullable(),
});
export type NarrativeDetail = z.infer<typeof NarrativeDetailSchema>;
export const CurateBody = z.discriminatedUnion('action', [
  z.object({ action: z.literal('rename'), name: z.string().max(120) }),
  z.object({ action: z.literal('pin') }),
  z.object({ action: z.literal('unpin') }),
  z.object({ action: z.literal('dismiss'), reason: z.string().max(300).optional() }),
  z.object({ action: z.literal('restore') }),
  z.object({ action: z.literal('merge'), into: z.string().regex(/^[0-9a-z]{1,16}$/) }),
  z.object({ action: z.literal('split'), terms: z.array(z.string().min(1).max(60)).min(1).max(12) }),
]);
export type Curation = z.infer<typeof CurateBody>;

export const NARRATIVE_ROUTES = {
  narratives: route({
    method: 'get',
    path: `${TENANT}/narratives`,
    summary: 'A theme’s narratives over a span',
    query: NarrativesQuery,
    response: NarrativeListSchema,
  }),
  narrative: route({
    method: 'get',
    path: `${TENANT}/narratives/:id`,
    summary: 'A narrative with perspectives, tone, lineage, responses and guidance (audited)',
    query: SpanQuery,
    response: NarrativeDetailSchema,
  }),
  dossier: route({
    method: 'get',
    path: `${TENANT}/narratives/:id/dossier`,
    summary: 'A narrative’s dossier for an expert partner (a JSON file; audited)',
    query: SpanQuery,
    response: z.string(),
    file: 'application/json',
  }),
  curate: route({
    method: 'post',
    path: `${TENANT}/narratives/:id/curate`,
    summary: 'Rename, pin, dismiss, merge or split a narrative',
    body: CurateBody,
    response: z.object({
      id: z.string(),
      action: z.string(),
      name: z.string().optional(),
      reason: z.string().optional(),
      into: z.string().optional(),
      child: z.string().optional(),
    }),
  }),
  respond: route({
    method: 'post',
    path: `${TENANT}/narratives/:id/responses`,
    summary: 'Log the municipality’s response to a narrative',
    body: ResponseBody,
    status: 201,
    response: LoggedResponseSchema,
  }),
} as const;
