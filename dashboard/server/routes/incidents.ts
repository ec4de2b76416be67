import {
  IncidentLinkSchema,
  IncidentNoteSchema,
  IncidentPatchSchema,
  NewIncidentSchema,
  can,
} from '@trendwacht/shared';
import type { AccountStore } from '../accounts/accounts';
import { type Ctx, HttpError, type Reply, ok, parseId, parseWith, principalOf, scopeOf } from '../http';
import { readAlert, readNarrative } from '../trend-queries';

async function assertLinks(ctx: Ctx, alertId?: string, narrativeId?: string) {
  const s = scopeOf(ctx);
  if (alertId && !(await readAlert(s, alertId))) throw new HttpError(400, 'bad_request', 'alertId: no such alert');
  if (narrativeId && !(await readNarrative(s, narrativeId))) {
    throw new HttpError(400, 'bad_request', 'narrativeId: no such narrative');
  }
}

/** The board, with who incidents can be assigned to (crisis and admin members). */
export async function listIncidents(ctx: Ctx, accounts: AccountStore): Promise<Reply> {
  const s = scopeOf(ctx);
  const members = await accounts.members(s.tenant);
  return ok({
    incidents: await s.incidents.list(),
    assignees: members
      .filter((m) => can(m.role, 'incidents.write'))
      .map((m) => ({ username: m.username, name: m.name })),
  });
}

export async function createIncident(ctx: Ctx): Promise<Reply> {
  const s = scopeOf(ctx);
  const by = principalOf(ctx).username;
  const n = parseWith(NewIncidentSchema, ctx.body, 'body');
  await assertLinks(ctx, n.alertId, n.narrativeId);
  const inc = await s.incidents.create(
    {
      title: n.title,
      severity: n.severity,
      alerts: n.alertId ? [n.alertId] : [],
      narratives: n.narrativeId ? [n.narrativeId] : [],
    },
    by,
  );
  await s.audit.append({ actor: by, action: 'incident.create', target: inc.id, detail: { severity: inc.severity } });
  return ok(inc, 201);
}

export async function getIncident(ctx: Ctx): Promise<Reply> {
  const s = scopeOf(ctx);
  const inc = await s.incidents.get(parseId(ctx.params.id));
  if (!inc) throw new HttpError(404, 'not_found', 'no such incident');
  await s.audit.append({ actor: principalOf(ctx).username, action: 'incident.view', target: inc.id });
  return ok(inc);
}

export async function patchIncident(ctx: Ctx, accounts: AccountStore): Promise<Reply> {
  const s = scopeOf(ctx);
  const by = principalOf(ctx).username;
  const patch = parseWith(IncidentPatchSchema, ctx.body, 'body');
  if (patch.assignee) {
    const role = (await accounts.memberships(patch.assignee))[s.tenant];
    if (!can(role, 'incidents.write')) throw new HttpError(400, 'bad_request', 'assignee: not a crisis member here');
  }
  const inc = await s.incidents.update(parseId(ctx.params.id), patch, by);
  if (!inc) throw new HttpError(404, 'not_found', 'no such incident');
  const detail: Record<string, string | null> = {};
  for (const [k, v] of Object.entries(patch)) if (k !== 'title') detail[k] = v ?? null;
  await s.audit.append({ actor: by, action: 'incident.update', target: inc.id, detail });
  return ok(inc);
}

/** An admin deletes a closed incident with its notes (retention); audited. */
export async function deleteIncident(ctx: Ctx): Promise<Reply> {
  const s = scopeOf(ctx);
  const id = parseId(ctx.params.id);
  const r = await s.incidents.remove(id);
  if (r === 'not_found') throw new HttpError(404, 'not_found', 'no such incident');
  if (r === 'not_closed') throw new HttpError(409, 'conflict', 'close the incident before deleting it');
  await s.audit.append({ actor: principalOf(ctx).username, action: 'incident.delete', target: id });
  return { status: 204, body: null };
}

export async function addIncidentNote(ctx: Ctx): Promise<Reply> {
  const s = scopeOf(ctx);
  const by = principalOf(ctx).username;
  const { text } = parseWith(IncidentNoteSchema, ctx.body, 'body');
  const inc = await s.incidents.addNote(parseId(ctx.params.id), text, by);
  if (!inc) throw new HttpError(404, 'not_found', 'no such incident');
  await s.audit.append({ actor: by, action: 'incident.note', target: inc.id });
  return ok(inc, 201);
}

export async function linkIncident(ctx: Ctx): Promise<Reply> {
  const s = scopeOf(ctx);
  const by = principalOf(ctx).username;
  const link = parseWith(IncidentLinkSchema, ctx.body, 'body');
  await assertLinks(ctx, link.alertId, link.narrativeId);
  const inc = await s.incidents.link(parseId(ctx.params.id), link, by);
  if (!inc) throw new HttpError(404, 'not_found', 'no such incident');
  await s.audit.append({
    actor: by,
    action: 'incident.link',
    target: inc.id,
    detail: { alert: link.alertId ?? null, narrative: link.narrativeId ?? null },
  });
  return ok(inc, 201);
}
