import {
  API,
  type Alert,
  type Incident,
  type NarrativeSummary,
  TimelineSchema,
  alertSubject,
  explainAlert,
  themeLabel,
} from '@trendwacht/shared';
import { Link, useParams } from 'react-router';
import { getJson } from '../api';
import { Guarded } from '../components/Guarded';
import { SeriesChart } from '../components/SeriesChart';
import { Status } from '../components/Status';
import { Time, ZoneNote, useTime } from '../components/Time';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { useTenant } from '../tenant';
import { useData } from '../use-data';
import { EventLine } from './IncidentPage';

type Briefing = { incident: Incident; alerts: Alert[]; narratives: NarrativeSummary[] };

/** A printable briefing for the mayor and aldermen: the incident, its alerts and narratives, with charts. */
export function BriefingPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const tenant = useTenant();
  const { inZone } = useTime();
  const { data, error } = useData(async (): Promise<Briefing> => {
    const incident = await getJson(`${tenant.api}/incidents/${id}`, API.incident);
    const alerts = await Promise.all(
      incident.alerts.map((a) => getJson(`${tenant.api}/alerts/${a}`, API.alert).catch(() => null)),
    );
    const narratives = await Promise.all(
      incident.narratives.map((n) => getJson(`${tenant.api}/narratives/${n}`, API.narrative).catch(() => null)),
    );
    return {
      incident,
      alerts: alerts.filter((a): a is Alert => a !== null),
      narratives: narratives.filter((n) => n !== null),
    };
  }, [tenant.api, id]);
  const themes = [
    ...new Set([...(data?.alerts.map((a) => a.theme) ?? []), ...(data?.narratives.map((n) => n.theme) ?? [])]),
  ]
    .filter((th) => th !== 'all')
    .slice(0, 3);
  return (
    <article className="briefing">
      <p className="no-print">
        <Link to={`${tenant.base}/incidents/${id}`}>← {t('incidents')}</Link>{' '}
        <button type="button" className="primary" onClick={() => window.print()}>
          {t('printBriefing')}
        </button>
      </p>
      <Status loading={!data && !error} error={error} />
      {data && (
        <>
          <p className="muted">
            {t('briefingFor')} — {tenant.name} — <Time ms={Date.now()} />
          </p>
          <h1>{data.incident.title}</h1>
          <p>
            {t('status')}: {t(`status_${data.incident.status}` as MessageKey)} · {t('severity')}:{' '}
            {t(`severity_${data.incident.severity}` as MessageKey)} · {t('assignee')}:{' '}
            {data.incident.assignee ?? t('unassigned')}
          </p>
          {data.alerts.length > 0 && (
            <section>
              <h2>{t('linkedAlerts')}</h2>
              {data.alerts.map(inZone).map((a) => (
                <div key={a.id} className="explain">
                  <h3>{alertSubject(a, lang)}</h3>
                  {explainAlert(a, lang).map((l) => (
                    <p key={l}>{l}</p>
                  ))}
                </div>
              ))}
            </section>
          )}
          {data.narratives.length > 0 && (
            <section>
              <h2>{t('linkedNarratives')}</h2>
              <ul>
                {data.narratives.map((n) => (
                  <li key={n.id}>
                    {themeLabel(n.theme)[lang]}: {n.label.join(' · ')} — <Guarded value={n.posts} k={tenant.k} />{' '}
                    {t('posts')}, <Guarded value={n.authors} k={tenant.k} /> {t('authors')}
                  </li>
                ))}
              </ul>
            </section>
          )}
          {themes.map((th) => (
            <ThemeChart key={th} theme={th} />
          ))}
          <p className="note">{t('privacy', { k: tenant.k })}</p>
          <section>
            <h2>{t('history')}</h2>
            <ol className="events">
              {data.incident.events.map((e) => (
                <EventLine key={`${e.at}-${e.kind}-${e.note ?? e.to ?? ''}`} e={e} />
              ))}
            </ol>
            <ZoneNote />
          </section>
        </>
      )}
    </article>
  );
}

function ThemeChart({ theme }: { theme: string }) {
  const { t, lang } = useI18n();
  const tenant = useTenant();
  const { data } = useData(
    () => getJson(`${tenant.api}/timeline?theme=${theme}&range=week`, TimelineSchema),
    [tenant.api, theme],
  );
  if (!data) return null;
  const title = `${t('timeline')}: ${themeLabel(theme)[lang]} (${t('rangeWeek').toLowerCase()})`;
  return (
    <section>
      <h2>{title}</h2>
      <SeriesChart points={data.points} granularity={data.granularity} title={title} k={data.k} />
    </section>
  );
}
