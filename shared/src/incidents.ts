import { z } from 'zod';

export const INCIDENT_STATUSES = ['new', 'monitoring', 'escalated', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
export const INCIDENT_SEVERITIES = ['low', 'medium', 'high'] as const;

const Ref = z.string().regex(/^[a-z0-9-]{1,40}$/, 'not an id');
/** Staff-written text; scrubbed of personal data (handles, URLs, numbers) when stored. */
const StaffText = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);

/** One entry on an incident's timeline. Nothing here holds post text. */
export const IncidentEventSchema = z.object({
  at: z.number(),
  by: z.string(),
  kind: z.enum(['created', 'status', 'severity', 'assignee', 'title', 'note', 'link']),
  from: z.string().nullable().optional(),
  to: z.string().nullable().optional(),
  note: z.string().optional(),
});
export type IncidentEvent = z.infer<typeof IncidentEventSchema>;

export const IncidentSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(INCIDENT_STATUSES),
  severity: z.enum(INCIDENT_SEVERITIES),
  assignee: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  alerts: z.array(z.string()),
  narratives: z.array(z.string()),
  events: z.array(IncidentEventSchema),
});
export type Incident = z.infer<typeof IncidentSchema>;

export const NewIncidentSchema = z.object({
  title: StaffText(200),
  severity: z.enum(INCIDENT_SEVERITIES).default('medium'),
  alertId: Ref.optional(),
  narrativeId: Ref.optional(),
});
export const IncidentPatchSchema = z
  .object({
    title: StaffText(200).optional(),
    status: z.enum(INCIDENT_STATUSES).optional(),
    severity: z.enum(INCIDENT_SEVERITIES).optional(),
    assignee: z.string().max(100).nullable().optional(),
  })
  .refine((p) => Object.keys(p).length > 0, 'nothing to change');
export const IncidentNoteSchema = z.object({ text: StaffText(2000) });
export const IncidentLinkSchema = z
  .object({ alertId: Ref.optional(), narrativeId: Ref.optional() })
  .refine((l) => (l.alertId ? 1 : 0) + (l.narrativeId ? 1 : 0) === 1, 'give one alertId or one narrativeId');
