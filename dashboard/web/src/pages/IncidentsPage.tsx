import { API, INCIDENT_SEVERITIES, type IncidentBoard } from '@trendwacht/shared';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { getJson, sendForm } from '../api';
import { EnumOptions } from '../components/EnumOptions';
import { Status } from '../components/Status';
import { Time, ZoneNote } from '../components/Time';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { useTenant } from '../tenant';
import { useData } from '../use-data';

export type Board = IncidentBoard;

/** Incidenten: the crisis board, newest change first; a new incident by hand. */
export function IncidentsPage() {
  const { t } = useI18n();
  const tenant = useTenant();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const board = useData(() => getJson(`${tenant.api}/incidents`, API.incidents), [tenant.api, tenant.tick]);
  const create = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    try {
      const inc = await sendForm(API.createIncident, `${tenant.api}/incidents`, {
        title: String(f.get('title')),
        severity: String(f.get('severity')),
      });
      navigate(`${tenant.base}/incidents/${inc.id}`);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <>
      <h1>{t('incidents')}</h1>
      <Status
        loading={!board.data && !board.error}
        error={board.error}
        empty={board.data?.incidents.length === 0 && t('noIncidents')}
      />
      {board.data && board.data.incidents.length > 0 && (
        <table className="board">
          <thead>
            <tr>
              <th scope="col">{t('title')}</th>
              <th scope="col">{t('status')}</th>
              <th scope="col">{t('severity')}</th>
              <th scope="col">{t('assignee')}</th>
              <th scope="col">{t('updated', { time: '' }).trim()}</th>
            </tr>
          </thead>
          <tbody>
            {board.data.incidents.map((i) => (
              <tr key={i.id} className={`sev-${i.severity}`}>
                <td>
                  <Link to={`${tenant.base}/incidents/${i.id}`}>{i.title}</Link>
                </td>
                <td>{t(`status_${i.status}` as MessageKey)}</td>
                <td>{t(`severity_${i.severity}` as MessageKey)}</td>
                <td>{i.assignee ?? t('unassigned')}</td>
                <td>
                  <Time ms={i.updatedAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {board.data && board.data.incidents.length > 0 && <ZoneNote />}
      {tenant.may('incidents.write') && (
        <section aria-labelledby="new-h">
          <h2 id="new-h">{t('newIncident')}</h2>
          <form onSubmit={create} className="stack">
            <label>
              {t('title')}
              <input name="title" required maxLength={200} />
            </label>
            <label>
              {t('severity')}
              <select name="severity" defaultValue="medium">
                <EnumOptions values={INCIDENT_SEVERITIES} prefix="severity" />
              </select>
            </label>
            {error && (
              <p className="error" role="alert">
                {error}
              </p>
            )}
            <button type="submit">{t('create')}</button>
          </form>
        </section>
      )}
    </>
  );
}
