import { z } from 'zod';
import { GRANULARITIES, PERSPECTIVES } from '../enums';
import {
  IncidentLinkSchema,
  IncidentNoteSchema,
  IncidentPatchSchema,
  IncidentSchema,
  NewIncidentSchema,
} from '../incidents';
import { ALL, THEME_IDS } from '../themes';
import { AlertSchema, NarrativeSummarySchema, PerspectiveSchema } from '../trends';
import { TENANT, epochMs, guarded, route } from './contract';
import { SpanQuery } from './reads';

// --- Incidents ---
export const IncidentBoardSchema = z.object({
  incidents: z.array(IncidentSchema),
  /** Who incidents can be assigned to (crisis and admin members). */
  assignees: z.array(z.object({ username: z.string(), name: z.string() })),
});
export type IncidentBoard = z.infer<typeof IncidentBoardSchema>;

// --- Alert triage ---
const MAX_SNOOZE_MIN = 24 * 60;
export const TriageBody = z.discriminatedUnion('action', [
  z.object({ action: z.literal('acknowledge') }),
  z.object({ action: z.literal('reopen') }),
  z.object({ action: z.literal('close'), reason: z.string().max(500).optional() }),
  z.object({ action: z.literal('snooze'), minutes: z.number().int().min(5).max(MAX_SNOOZE_MIN) }),
  z.object({ action: z.literal('false_alarm'), reason: z.string().min(1).max(500) }),
]);

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
export const NarrativeDetailSchema = NarrativeSummarySchema.extend({
  k: z.number().int(),
  granularity: z.enum(GRANULARITIES),
  tone: ToneSchema,
  perspectives: z.array(PerspectiveSchema),
  responses: z.array(ResponseViewSchema),
  lineage: z.array(LineageEventSchema),
  /** Response angles chosen for this narrative (the narratives' guidance library decides their shape). */
  guidance: z.record(z.unknown()).nullable(),
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

// --- Exports ---
export const EXPORT_FORMATS = ['csv', 'json', 'ndjson'] as const;
export const ExportQuery = SpanQuery.extend({
  theme: z.enum([ALL, ...THEME_IDS]).optional(),
  narrative: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/, 'not an id')
    .optional(),
  format: z.enum(EXPORT_FORMATS).default('csv'),
}).refine((q) => !(q.theme && q.narrative), 'give a theme or a narrative, not both');

/** An export file with `format=json`: what it covers, its columns and one row per bucket (empty cells null). */
export const ExportJsonSchema = z.object({
  tenant: z.string(),
  series: z.string(),
  from: z.string(),
  to: z.string(),
  granularity: z.enum(GRANULARITIES),
  k: z.number().int(),
  generatedAt: z.string(),
  columns: z.array(z.string()),
  rows: z.array(z.record(z.union([z.string(), z.number(), z.boolean(), z.null()]))),
});

export const WORK_ROUTES = {
  triage: route({
    method: 'post',
    path: `${TENANT}/alerts/:id/triage`,
    summary: 'Acknowledge, snooze, close, reopen an alert or call it a false alarm',
    body: TriageBody,
    response: AlertSchema,
  }),
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
  incidents: route({
    method: 'get',
    path: `${TENANT}/incidents`,
    summary: 'The incident board',
    response: IncidentBoardSchema,
  }),
  createIncident: route({
    method: 'post',
    path: `${TENANT}/incidents`,
    summary: 'Open an incident',
    body: NewIncidentSchema,
    status: 201,
    response: IncidentSchema,
  }),
  incident: route({
    method: 'get',
    path: `${TENANT}/incidents/:id`,
    summary: 'One incident',
    response: IncidentSchema,
  }),
  patchIncident: route({
    method: 'patch',
    path: `${TENANT}/incidents/:id`,
    summary: 'Change title, status, severity or assignee',
    body: IncidentPatchSchema,
    response: IncidentSchema,
  }),
  deleteIncident: route({
    method: 'delete',
    path: `${TENANT}/incidents/:id`,
    summary: 'Delete an incident',
    status: 204,
    response: z.null(),
  }),
  incidentNote: route({
    method: 'post',
    path: `${TENANT}/incidents/:id/notes`,
    summary: 'Add a note',
    body: IncidentNoteSchema,
    status: 201,
    response: IncidentSchema,
  }),
  incidentLink: route({
    method: 'post',
    path: `${TENANT}/incidents/:id/links`,
    summary: 'Link an alert or a narrative',
    body: IncidentLinkSchema,
    status: 201,
    response: IncidentSchema,
  }),
  export: route({
    method: 'get',
    path: `${TENANT}/export`,
    summary: 'A theme or narrative over a span as CSV, JSON or NDJSON (k-anonymous per bucket)',
    query: ExportQuery,
    response: z.string(),
    file: 'text/csv',
  }),
  stream: route({
    method: 'get',
    path: `${TENANT}/stream`,
    summary: 'Live events (Server-Sent Events: batch, alert)',
    response: z.string(),
    file: 'text/event-stream',
  }),
} as const;
