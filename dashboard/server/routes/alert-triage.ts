import { type Alert, type Triage, TriageBody, falseAlarmKey, triageKey } from '@trendwacht/shared';
import { readLua } from '@trendwacht/shared/node';
import { type Ctx, HttpError, type Reply, ok, parseId, parseWith, principalOf, scopeOf } from '../http';
import { cleanStaffText } from '../incidents';
import { readAlert } from '../trend-queries';

/**
 * Sets the triage of an alert atomically with the detector's own writes of it (which keep
 * it), and next to it where the detector reads it each minute.
 */
const SET_TRIAGE = readLua(new URL('../lua/alert-triage.lua', import.meta.url));

/**
 * Triage of an alert by the crisis team: acknowledge, snooze (no notifications for a
 * while), close, or mark as a false alarm with a reason — which makes the detector need a
 * clearly stronger burst of the same series for a month. Audited, and noted on every
 * incident that follows the alert.
 */
export async function triageAlert(ctx: Ctx): Promise<Reply> {
  const s = scopeOf(ctx);
  const by = principalOf(ctx).username;
  const id = parseId(ctx.params.id);
  const body = parseWith(TriageBody, ctx.body, 'body');
  const alert = await readAlert(s, id);
  if (!alert) throw new HttpError(404, 'not_found', 'no such alert');
  const at = s.now();
  const reason = 'reason' in body && body.reason ? cleanStaffText(body.reason) : undefined;
  let triage: Triage | null = null;
  if (body.action === 'acknowledge') triage = { state: 'acknowledged', at, by };
  if (body.action === 'snooze') triage = { state: 'snoozed', at, by, until: at + body.minutes * 60_000 };
  if (body.action === 'close') triage = { state: 'closed', at, by, ...(reason ? { reason } : {}) };
  if (body.action === 'false_alarm') triage = { state: 'false_alarm', at, by, ...(reason ? { reason } : {}) };
  if (body.action === 'reopen' && alert.triage?.state === 'false_alarm')
    throw new HttpError(409, 'conflict', 'a false alarm stays one: the detector has learnt from it');
  await s.redis.eval(SET_TRIAGE, 2, s.keys.alerts, triageKey(s.keys.alerts), id, triage ? JSON.stringify(triage) : '');
  if (triage?.state === 'false_alarm') await learnFalseAlarm(s, alert, at);
  await s.audit.append({
    actor: by,
    action: `alert.${body.action}`,
    target: id,
    detail: {
      ...(reason ? { reason } : {}),
      ...(body.action === 'snooze' ? { minutes: String(body.minutes) } : {}),
    },
  });
  await noteOnIncidents(s, id, body.action, reason, by);
  const after = await readAlert(s, id);
  return ok(after);
}

/** Every series of the story, with the burst that was not one. */
async function learnFalseAlarm(s: ReturnType<typeof scopeOf>, a: Alert, at: number): Promise<void> {
  const members = a.story?.members ?? [{ kind: a.kind, key: a.key, theme: a.theme }];
  const fields: string[] = [];
  for (const m of members)
    fields.push(
      `${m.kind}\u0000${m.key}`,
      JSON.stringify({ kind: m.kind, key: m.key, observed: a.observed, expected: a.expected, score: a.score, at }),
    );
  if (fields.length > 0) await s.redis.hset(falseAlarmKey(s.keys.alerts), ...fields);
}

const NOTE: Record<string, string> = {
  acknowledge: 'Melding {id} bevestigd',
  reopen: 'Melding {id} heropend',
  close: 'Melding {id} gesloten',
  snooze: 'Melding {id} gesluimerd',
  false_alarm: 'Melding {id} is vals alarm',
};

/** The incident flow: each incident following this alert gets a note of the decision. */
async function noteOnIncidents(
  s: ReturnType<typeof scopeOf>,
  id: string,
  action: string,
  reason: string | undefined,
  by: string,
): Promise<void> {
  const incidents = await s.incidents.list();
  for (const inc of incidents) {
    if (!inc.alerts.includes(id)) continue;
    const text = (NOTE[action] ?? action).replace('{id}', id) + (reason ? `: ${reason}` : '');
    await s.incidents.addNote(inc.id, text, by);
  }
}
