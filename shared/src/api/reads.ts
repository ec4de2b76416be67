import { z } from 'zod';
import { SPAN_KINDS } from '../enums';
import { ALL, THEME_IDS } from '../themes';
import { AlertSchema } from '../trends';
import { OverviewSchema, ThemeDetailSchema, TimelineSchema } from './bodies';
import { LabelSchema, TENANT, route } from './contract';

const When = z.union([z.coerce.number().int().nonnegative(), z.string().datetime({ offset: true })]);
/** `range=hour|day|week|month`, or `range=custom&from=…&to=…` (ISO 8601 or epoch ms). */
export const SpanQuery = z.object({
  range: z.enum(SPAN_KINDS).default('day'),
  from: When.optional(),
  to: When.optional(),
});

export const SeriesTheme = z.enum([ALL, ...THEME_IDS]);
export const TimelineQuery = SpanQuery.extend({ theme: SeriesTheme.default(ALL) });
export const AlertsQuery = z.object({
  status: z.enum(['open', 'all']).default('all'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const StatsSchema = z.object({ tenant: z.string(), stats: z.record(z.number()) });
export const AlertListSchema = z.object({ tenant: z.string(), k: z.number().int(), alerts: z.array(AlertSchema) });

export const PartnerSchema = z.object({ id: z.string(), name: z.string(), when: LabelSchema });
export const ThemeGuidanceSchema = z.object({
  theme: z.enum(THEME_IDS),
  guidance: z
    .object({ angles: z.array(LabelSchema), partners: z.array(PartnerSchema), report: LabelSchema.optional() })
    .nullable(),
});

export const READ_ROUTES = {
  overview: route({
    method: 'get',
    path: `${TENANT}/overview`,
    summary: 'Every theme over a span: posts, authors, tone, top terms (k-guarded)',
    query: SpanQuery,
    response: OverviewSchema,
  }),
  timeline: route({
    method: 'get',
    path: `${TENANT}/timeline`,
    summary: 'Posts of one theme (or all) per bucket over a span',
    query: TimelineQuery,
    response: TimelineSchema,
  }),
  themeDetail: route({
    method: 'get',
    path: `${TENANT}/themes/:theme`,
    summary: 'One theme over a span: timeline, languages, sources, target groups, stances',
    query: SpanQuery,
    response: ThemeDetailSchema,
  }),
  stats: route({
    method: 'get',
    path: `${TENANT}/stats`,
    summary: 'Pipeline counters of the tenant (posts analysed, dropped, rejected by reason)',
    response: StatsSchema,
  }),
  alerts: route({
    method: 'get',
    path: `${TENANT}/alerts`,
    summary: 'Alerts, newest first',
    query: AlertsQuery,
    response: AlertListSchema,
  }),
  alert: route({
    method: 'get',
    path: `${TENANT}/alerts/:id`,
    summary: 'One alert with its receipt (audited)',
    response: AlertSchema,
  }),
  guidance: route({
    method: 'get',
    path: '/api/guidance/:theme',
    summary: 'Response guidance of a theme: angles, partners, when to report',
    response: ThemeGuidanceSchema,
  }),
} as const;
