import { CurateBody, NarrativesQuery, ResponseBody } from '@trendwacht/shared';
import { type Ctx, HttpError, type Reply, ok, parseId, parseWith, principalOf, scopeOf } from '../http';
import { curate } from '../narratives/curation';
import { guidanceOf } from '../narratives/guidance';
import { readLineage } from '../narratives/lineage-read';
import { narrativeTone, readPerspectives } from '../narratives/perspectives';
import { readNarrative, readNarrativeSummary, readNarratives } from '../narratives/read';
import { logResponse, readResponses } from '../narratives/responses';
import { parseSpan } from './span';

/** A theme's narratives over a span (the theme page's span: their counts agree with it). */
export async function list(ctx: Ctx): Promise<Reply> {
  const s = scopeOf(ctx);
  const q = parseWith(NarrativesQuery, ctx.query);
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
  const [perspectives, responses, timeline] = await Promise.all([
    readPerspectives(s, n, span),
    readResponses(s, id),
    readLineage(s, n.summary),
  ]);
  return ok({
    ...n.summary,
    k: s.k,
    granularity: span.g,
    tone: narrativeTone(n, s.k),
    perspectives,
    responses,
    lineage: timeline,
    guidance: guidanceOf(s, n, perspectives),
  });
}

/** A narrative it is related to, by title — or null when that one has fewer than k authors (not linked). */
async function related(s: ReturnType<typeof scopeOf>, id: string | undefined) {
  if (!id) return null;
  const r = await readNarrativeSummary(s, id);
  return r ? { id: r.id, title: r.title, titleFrom: r.titleFrom } : null;
}

/**
 * A narrative's dossier to hand to an expert partner, as JSON: what it claims, its
 * perspectives and their own words, tone, languages, lineage by title, the angles and the
 * municipality's responses with their before/after — all over the stated window and
 * k-anonymous (only what the page shows). No ids, no staff names, no notes, no posts.
 */
export async function dossier(ctx: Ctx): Promise<Reply> {
  const { s, span, n } = await found(ctx);
  const sum = n.summary;
  await s.audit.append({ actor: principalOf(ctx).username, action: 'narrative.dossier', target: sum.id });
  const [perspectives, responses, parent] = await Promise.all([
    readPerspectives(s, n, span),
    readResponses(s, sum.id),
    related(s, sum.parent),
  ]);
  const body = {
    kind: 'trendwacht.narrative-dossier',
    version: 1,
    generatedAt: new Date(s.now()).toISOString(),
    k: s.k,
    window: { from: new Date(span.from).toISOString(), to: new Date(span.to).toISOString() },
    theme: sum.theme,
    title: sum.title,
    titleFrom: sum.titleFrom,
    keyTerms: sum.label,
    languages: sum.langs,
    posts: sum.posts,
    authors: sum.authors,
    firstSeen: new Date(sum.firstSeen).toISOString(),
    lastSeen: new Date(sum.lastSeen).toISOString(),
    perspectives: perspectives.map(({ perspective, posts, share, terms }) => ({
      perspective,
      posts,
      share,
      terms: terms.map((t) => t.term),
    })),
    tone: narrativeTone(n, s.k),
    grewOutOf: parent?.title ?? null,
    angles: guidanceOf(s, n, perspectives).angles.map(({ label, text, why, sources }) => ({
      label,
      text,
      why,
      sources,
    })),
    responses: responses.map(({ at, channel, before, after }) => ({
      at: new Date(at).toISOString(),
      channel,
      before,
      after,
    })),
  };
  return {
    status: 200,
    body: JSON.stringify(body, null, 2),
    contentType: 'application/json',
    filename: 'narratief-dossier.json',
  };
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
