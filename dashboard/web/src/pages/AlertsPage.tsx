import {
  ALERT_KINDS,
  API,
  type Alert,
  type AlertKind,
  AlertSchema,
  SEVERITIES,
  type Severity,
  alertState,
  alertSubject,
  alertTime,
  baselineText,
  explainAlert,
  severityAtLeast,
  themeLabel,
} from '@trendwacht/shared';
import { useId, useState } from 'react';
import { Link, useParams } from 'react-router';
import { getJson } from '../api';
import { AlertList } from '../components/AlertList';
import { EnumOptions } from '../components/EnumOptions';
import { FlagIncident } from '../components/FlagIncident';
import { SpikeChart } from '../components/SpikeChart';
import { Status } from '../components/Status';
import { useTime } from '../components/Time';
import { TriageControls } from '../components/TriageControls';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { useTenant } from '../tenant';
import { useData } from '../use-data';

/** Meldingen: open alerts (or all), newest first, each explained in plain words; filtered by kind and severity. */
export function AlertsPage() {
  const { t } = useI18n();
  const tenant = useTenant();
  const [all, setAll] = useState(false);
  const [kind, setKind] = useState<AlertKind | ''>('');
  const [minSeverity, setMinSeverity] = useState<Severity>('low');
  const id = useId();
  const { data, error } = useData(
    () => getJson(`${tenant.api}/alerts?status=${all ? 'all' : 'open'}`, API.alerts),
    [tenant.api, all, tenant.tick],
  );
  const shown = (data?.alerts ?? []).filter(
    (a) => (kind === '' || a.kind === kind) && severityAtLeast(a.severity, minSeverity),
  );
  return (
    <>
      <h1>{t('alerts')}</h1>
      <div className="row filters">
        <label>
          {t('alertKind')}
          <select value={kind} onChange={(e) => setKind(e.target.value as AlertKind | '')}>
            <option value="">{t('allKinds')}</option>
            <EnumOptions values={ALERT_KINDS} prefix="kind" />
          </select>
        </label>
        <label>
          {t('fromSeverity')}
          <select value={minSeverity} onChange={(e) => setMinSeverity(e.target.value as Severity)}>
            <EnumOptions values={SEVERITIES} prefix="severity" />
          </select>
        </label>
        <p>
          <input id={id} type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} />{' '}
          <label htmlFor={id}>{t('showAll')}</label>
        </p>
      </div>
      <Status loading={!data && !error} error={error} empty={Boolean(data) && shown.length === 0 && t('noAlerts')} />
      {shown.length > 0 && <AlertList alerts={shown} />}
    </>
  );
}

/**
 * One alert with its receipt, for a crisis team to read in ten seconds: the story (its
 * title, words, themes), the spike against its normal band (chart and table), what the
 * baseline was, every time in the tenant's zone — and its follow-up.
 */
export function AlertPage() {
  const { id = '' } = useParams();
  const { t, lang, fmt } = useI18n();
  const tenant = useTenant();
  const { data, error } = useData(() => getJson(`${tenant.api}/alerts/${id}`, AlertSchema), [tenant.api, id]);
  const [changed, setChanged] = useState<Alert | null>(null);
  const { inZone } = useTime();
  const shownAlert = changed?.id === id ? changed : data;
  // Every time of the receipt in the tenant's zone (its setting now, not the one it was saved with).
  const a = shownAlert ? inZone(shownAlert) : shownAlert;
  const time = (ms: number) => alertTime(a ?? {}, ms, lang);
  const story = a?.story;
  return (
    <>
      <p>
        <Link to={`${tenant.base}/alerts`}>← {t('alerts')}</Link>
      </p>
      <h1>{a ? `${t(`kind_${a.kind}` as MessageKey)}: ${alertSubject(a, lang)}` : t('alerts')}</h1>
      <Status loading={!a && !error} error={error} />
      {a && (
        <>
          <p>
            <span className="badge">{t(`severity_${a.severity}` as MessageKey)}</span>{' '}
            <span data-testid="alert-state">{t(`state_${alertState(a)}` as MessageKey)}</span>
          </p>
          <div className="explain">
            {explainAlert(a, lang).map((line) => (
              <p key={line}>{line}</p>
            ))}
          </div>
          {a.chart && <SpikeChart alert={a} points={a.chart} />}
          <TriageControls alert={a} onChange={setChanged} />
          <FlagIncident title={`${t(`kind_${a.kind}` as MessageKey)}: ${alertSubject(a, lang)}`} alertId={a.id} />
          {a.kind === 'narrative' && (
            <p>
              <Link to={`${tenant.base}/narratives/${a.key}`}>{t('kind_narrative')} →</Link>
            </p>
          )}
          <section aria-labelledby="receipt-h">
            <h2 id="receipt-h">{t('receipt')}</h2>
            <dl className="receipt">
              {story && (
                <>
                  <dt>{t('rc_story')}</dt>
                  <dd>{story.title ?? '—'}</dd>
                  <dt>{t('rc_phrases')}</dt>
                  <dd>{story.terms.join(', ') || '—'}</dd>
                  {story.themes.length > 0 && (
                    <>
                      <dt>{t('themes')}</dt>
                      <dd>{story.themes.map((th) => themeLabel(th)[lang]).join(', ')}</dd>
                    </>
                  )}
                </>
              )}
              <dt>{t('window')}</dt>
              <dd>
                {time(a.windowStart)} – {alertTime(a, a.windowEnd, lang, false)}
              </dd>
              <dt>{t('observed')}</dt>
              <dd>{fmt(a.observed)}</dd>
              <dt>{t('expected')}</dt>
              <dd>{fmt(Math.round(a.expected * 10) / 10)}</dd>
              <dt>{t('score')}</dt>
              <dd>{fmt(Math.round(a.score * 10) / 10)}</dd>
              <dt>{t('baseline')}</dt>
              <dd>{baselineText(a, lang)}</dd>
              <dt>{t('authors')}</dt>
              <dd>{fmt(a.distinctAuthors)}</dd>
              {a.lang && (
                <>
                  <dt>{t('languages')}</dt>
                  <dd>
                    {Object.entries(a.lang)
                      .filter(([, v]) => v !== null)
                      .map(([l, v]) => `${t(`lang_${l}` as MessageKey)} ${v}`)
                      .join(', ') || '—'}
                  </dd>
                </>
              )}
              <dt>{t('versions')}</dt>
              <dd>
                {a.versions.analysis} / {a.versions.detector}
              </dd>
            </dl>
          </section>
        </>
      )}
    </>
  );
}
