import { ALL, API } from '@trendwacht/shared';
import { useState } from 'react';
import { call } from '../api';
import { AlertList } from '../components/AlertList';
import { RangePicker, type SpanChoice, spanQuery } from '../components/RangePicker';
import { Status } from '../components/Status';
import { ThemeCard } from '../components/ThemeCard';
import { Time } from '../components/Time';
import { TimelinePanel } from '../components/TimelinePanel';
import { useI18n } from '../i18n';
import { useTenant } from '../tenant';
import { useData } from '../use-data';

/** Overzicht: what is rising now (open alerts first), then every theme, live. */
export function OverviewPage() {
  const { t } = useI18n();
  const tenant = useTenant();
  const [span, setSpan] = useState<SpanChoice>({ range: 'day' });
  const overview = useData(
    () => call(API.overview, { params: { tenant: tenant.id }, query: spanQuery(span) }),
    [tenant.api, span, tenant.tick],
  );
  const alerts = useData(
    () => call(API.alerts, { params: { tenant: tenant.id }, query: { status: 'open', limit: 10 } }),
    [tenant.api, tenant.tick],
  );
  const o = overview.data;
  const all = o?.themes.find((th) => th.id === ALL);
  return (
    <>
      <h1>
        {t('navOverview')} — {tenant.name}
      </h1>
      <section aria-labelledby="rising-h">
        <h2 id="rising-h">{t('openAlerts')}</h2>
        <Status
          loading={!alerts.data && !alerts.error}
          error={alerts.error}
          empty={alerts.data?.alerts.length === 0 && t('noAlerts')}
        />
        {alerts.data && alerts.data.alerts.length > 0 && <AlertList alerts={alerts.data.alerts} />}
      </section>
      <div className="toolbar">
        <RangePicker value={span} onChange={setSpan} />
        {o && (
          <p className="muted">
            <Time ms={o.from} /> – <Time ms={o.to} />
          </p>
        )}
      </div>
      <Status loading={!o && !overview.error} error={overview.error} />
      {o && (
        <>
          <section aria-labelledby="themes-h">
            <h2 id="themes-h">{t('themes')}</h2>
            {all && <ThemeCard summary={all} k={o.k} wide />}
            {all?.posts === 0 && <p>{t('empty')}</p>}
            <ul className="cards">
              {o.themes
                .filter((th) => th.id !== ALL)
                .map((th) => (
                  <li key={th.id}>
                    <ThemeCard summary={th} k={o.k} />
                  </li>
                ))}
            </ul>
          </section>
          <TimelinePanel span={span} themes={o.themes} />
          <p className="note">{t('privacy', { k: o.k })}</p>
        </>
      )}
    </>
  );
}
