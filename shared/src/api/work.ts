import { z } from 'zod';
import { GRANULARITIES } from '../enums';
import {
  IncidentLinkSchema,
  IncidentNoteSchema,
  IncidentPatchSchema,
  IncidentSchema,
  NewIncidentSchema,
} from '../incidents';
import { ALL, THEME_IDS } from '../themes';
import { AlertSchema } from '../trends';
import { TENANT, route } from './contract';
import { SpanQuery } from './reads';

// --- Incidents ---
export const IncidentBoardSchema = z.object({
  incidents: z.array(IncidentSchema),
  /** Who incidents can be assigned to (crisis and admin members). */
  assignees: z.array(z.object({ username: z.string(), name: z.string() })),
});
export type IncidentBoard = z.infer<typeof IncidentBoardSchema>;

// --- Alert triage ---
/** Longest snooze: a day (after that the alert notifies again). */
const MAX_SNOOZE_MIN = 24 * 60;
export const TriageBody = z.discriminatedUnion('action', [
  z.object({ action: z.literal('acknowledge') }),
  z.object({ action: z.literal('reopen') }),
  z.object({ action: z.literal('close'), reason: z.string().max(500).optional() }),
  z.object({ action: z.literal('snooze'), minutes: z.number().int().min(5).max(MAX_SNOOZE_MIN) }),
  z.object({ action: z.literal('false_alarm'), reason: z.string().min(1).max(500) }),
]);

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
