import { API, INCIDENT_SEVERITIES, INCIDENT_STATUSES, type Incident, type IncidentEvent } from '@trendwacht/shared';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { getJson, send, sendForm } from '../api';
import { EnumOptions } from '../components/EnumOptions';
import { Status } from '../components/Status';
import { Time, ZoneNote, useTime } from '../components/Time';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { useTenant } from '../tenant';
import { useData } from '../use-data';

export function EventLine({ e }: { e: IncidentEvent }) {
  const { t } = useI18n();
  const value = (v: string | null | undefined) =>
    v === null || v === undefined
      ? t('unassigned')
      : e.kind === 'status' || e.kind === 'severity'
        ? t(`${e.kind}_${v}` as MessageKey)
        : v;
  return (
    <li>
      <Time ms={e.at} /> — {e.by}: {t(`event_${e.kind}` as MessageKey)}
      {e.kind === 'note' && e.note ? `: ${e.note}` : ''}
      {e.kind !== 'note' && e.kind !== 'created' ? ` → ${value(e.to)}` : ''}
    </li>
  );
}

/** One incident: status, severity, assignee, notes, its history and links; the briefing. */
export function IncidentPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { at } = useTime();
  const tenant = useTenant();
  const [message, setMessage] = useState<string | null>(null);
  const inc = useData(() => getJson(`${tenant.api}/incidents/${id}`, API.incident), [tenant.api, id]);
  const board = useData(() => getJson(`${tenant.api}/incidents`, API.incidents), [tenant.api]);
  const edit = tenant.may('incidents.write');
  const navigate = useNavigate();
  const i = inc.data;
  const remove = async () => {
    if (!window.confirm(t('deleteIncidentConfirm'))) return;
    try {
      await send(API.deleteIncident, `${tenant.api}/incidents/${id}`);
      navigate(`${tenant.base}/incidents`);
    } catch (e) {
      setMessage(e instanceof Error ? e.message : String(e));
    }
  };
  const act = async (fn: () => Promise<Incident>, done: string) => {
    try {
      inc.setData(await fn());
      setMessage(done);
    } catch (e) {
      setMessage(e instanceof Error ? e.message : String(e));
    }
  };
  const save = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const assignee = String(f.get('assignee'));
    void act(
      () =>
        sendForm(API.patchIncident, `${tenant.api}/incidents/${id}`, {
          status: f.get('status'),
          severity: f.get('severity'),
          assignee: assignee === '' ? null : assignee,
        }),
      t('saved'),
    );
  };
  const note = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const text = String(new FormData(form).get('note'));
    void act(() => send(API.incidentNote, `${tenant.api}/incidents/${id}/notes`, { text }), t('saved')).then(() =>
      form.reset(),
    );
  };
  return (
    <>
      <p>
        <Link to={`${tenant.base}/incidents`}>← {t('incidents')}</Link>
      </p>
      <h1>{i ? i.title : t('incidents')}</h1>
      <Status loading={!i && !inc.error} error={inc.error} />
      {i && (
        <>
          <p className="muted">{t('createdBy', { who: i.createdBy, when: at(i.createdAt) })}</p>
          <p>
            <Link className="button" to={`${tenant.base}/incidents/${i.id}/briefing`}>
              {t('briefing')}
            </Link>
          </p>
          <form onSubmit={save} className="row">
            <label>
              {t('status')}
              <select name="status" defaultValue={i.status} disabled={!edit}>
                <EnumOptions values={INCIDENT_STATUSES} prefix="status" />
              </select>
            </label>
            <label>
              {t('severity')}
              <select name="severity" defaultValue={i.severity} disabled={!edit}>
                <EnumOptions values={INCIDENT_SEVERITIES} prefix="severity" />
              </select>
            </label>
            <label>
              {t('assignee')}
              <select name="assignee" defaultValue={i.assignee ?? ''} disabled={!edit}>
                <option value="">{t('unassigned')}</option>
                {board.data?.assignees.map((a) => (
                  <option key={a.username} value={a.username}>
                    {a.name} ({a.username})
                  </option>
                ))}
              </select>
            </label>
            {edit && <button type="submit">{t('save')}</button>}
          </form>
          {message && <output className="note block">{message}</output>}
          <div className="grid">
            <section aria-labelledby="links-h">
              <h2 id="links-h">{t('linkedAlerts')}</h2>
              <ul>
                {i.alerts.map((a) => (
                  <li key={a}>
                    <Link to={`${tenant.base}/alerts/${a}`}>{a}</Link>
                  </li>
                ))}
              </ul>
              <h2>{t('linkedNarratives')}</h2>
              <ul>
                {i.narratives.map((n) => (
                  <li key={n}>
                    <Link to={`${tenant.base}/narratives/${n}`}>{n}</Link>
                  </li>
                ))}
              </ul>
            </section>
            <section aria-labelledby="hist-h">
              <h2 id="hist-h">{t('history')}</h2>
              <ol className="events">
                {i.events.map((e) => (
                  <EventLine key={`${e.at}-${e.kind}-${e.note ?? e.to ?? ''}`} e={e} />
                ))}
              </ol>
              <ZoneNote />
            </section>
          </div>
          {edit && (
            <form onSubmit={note} className="stack">
              <label>
                {t('addNote')}
                <textarea name="note" required maxLength={2000} rows={3} aria-describedby="note-hint" />
              </label>
              <p id="note-hint" className="muted">
                {t('noteHint')}
              </p>
              <button type="submit">{t('addNote')}</button>
            </form>
          )}
          {tenant.may('incidents.delete') && i.status === 'closed' && (
            <section aria-labelledby="del-h">
              <h2 id="del-h">{t('deleteIncident')}</h2>
              <p className="muted">{t('deleteIncidentHelp')}</p>
              <button type="button" className="danger" onClick={() => void remove()}>
                {t('deleteIncident')}
              </button>
            </section>
          )}
        </>
      )}
    </>
  );
}
