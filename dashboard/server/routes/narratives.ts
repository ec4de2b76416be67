import { THEME_IDS, narrativeGuidance } from '@trendwacht/shared';
import { z } from 'zod';
import { type Ctx, HttpError, type Reply, ok, parseId, parseWith, principalOf, scopeOf } from '../http';
import { CurateBody, curate } from '../narratives/curation';
import { narrativeTone, readPerspectives } from '../narratives/perspectives';
import { readNarrative, readNarrativeSummary, readNarratives } from '../narratives/read';
import { ResponseBody, logResponse, readResponses } from '../narratives/responses';
import { parseSpan } from './span';

const ThemeQuery = z.object({ theme: z.enum(THEME_IDS) });

/** A theme's narratives over a span (the theme page's span: their counts agree with it). */
export async function list(ctx: Ctx): Promise<Reply> {
  const s = scopeOf(ctx);
  const q = parseWith(ThemeQuery.passthrough(), ctx.query);
  const span = parseSpan(ctx.query, s.now());
  return ok({
    theme: q.theme,
    k: s.k,
    window: { from: span.from, to: span.to },
    narratives: await readNarratives(s, q.theme, span),
  });
}

async function found(ctx: Ctx) {
  const s = scopeOf(ctx);
  const span = parseSpan(ctx.query, s.now());
  const n = await readNarrative(s, parseId(ctx.params.id), span);
  // Unknown and "fewer than k authors" look the same from outside.
  if (!n) throw new HttpError(404, 'not_found', 'no such narrative (or fewer than k authors)');
  return { s, span, n };
}

/** A narrative over a span with its perspectives, tone, lineage, responses and guidance. */
export async function detail(ctx: Ctx): Promise<Reply> {
  const { s, span, n } = await found(ctx);
  const id = n.summary.id;
  await s.audit.append({ actor: principalOf(ctx).username, action: 'narrative.view', target: id });
  const [perspectives, responses, parent, mergedInto] = await Promise.all([
    readPerspectives(s, n, span),
    readResponses(s, id),
    related(s, n.summary.parent),
    related(s, n.summary.mergedInto),
  ]);
  const shares = Object.fromEntries(perspectives.map((p) => [p.perspective, p.share]));
  return ok({
    ...n.summary,
    k: s.k,
    granularity: span.g,
    tone: narrativeTone(n, s.k),
    perspectives,
    responses,
    lineage: { parent, mergedInto },
    guidance: narrativeGuidance(n.summary.theme, shares, n.summary.growth),
  });
}

/** A narrative it is related to, by title — or null when that one has fewer than k authors (not linked). */
async function related(s: ReturnType<typeof scopeOf>, id: string | undefined) {
  if (!id) return null;
  const r = await readNarrativeSummary(s, id);
  return r ? { id: r.id, title: r.title, titleFrom: r.titleFrom } : null;
}

/** Rename, pin, dismiss, merge or split (analysts and admins); audited. */
export async function curateNarrative(ctx: Ctx): Promise<Reply> {
  const { s, n } = await found(ctx);
  const body = parseWith(CurateBody, ctx.body, 'body');
  const detail = await curate(s, n.summary.id, n.summary.theme, body);
  await s.audit.append({
    actor: principalOf(ctx).username,
    action: `narrative.${body.action}`,
    target: n.summary.id,
    detail,
  });
  return ok({ id: n.summary.id, action: body.action, ...detail });
}

/** Logs a response (date, channel, note) on a narrative; audited. */
export async function respond(ctx: Ctx): Promise<Reply> {
  const { s, n } = await found(ctx);
  const body = parseWith(ResponseBody, ctx.body, 'body');
  const r = await logResponse(s, n.summary.id, body);
  await s.audit.append({
    actor: principalOf(ctx).username,
    action: 'narrative.response',
    target: n.summary.id,
    detail: { channel: r.channel, at: r.at },
  });
  return ok(r, 201);
}
