import { ALL, type ThemeSummary, TimelineSchema } from '@trendwacht/shared';
import { useId, useState } from 'react';
import { getJson, qs } from '../api';
import { useI18n } from '../i18n';
import { useTenant } from '../tenant';
import { useData } from '../use-data';
import { type SpanChoice, spanQuery } from './RangePicker';
import { SeriesChart } from './SeriesChart';

export function TimelinePanel({ span, themes }: { span: SpanChoice; themes: ThemeSummary[] }) {
  const { t, lang } = useI18n();
  const tenant = useTenant();
  const [theme, setTheme] = useState<string>(ALL);
  const selectId = useId();
  const { data } = useData(
    () => getJson(`${tenant.api}/timeline${qs({ theme, ...spanQuery(span) })}`, TimelineSchema),
    [tenant.api, theme, span, tenant.tick],
  );
  const title = themes.find((th) => th.id === theme)?.label[lang] ?? theme;
  return (
    <section aria-labelledby="timeline-h" className="timeline">
      <h2 id="timeline-h">{t('timeline')}</h2>
      <label htmlFor={selectId}>{t('theme')} </label>
      <select id={selectId} value={theme} onChange={(e) => setTheme(e.target.value)}>
        {themes.map((th) => (
          <option key={th.id} value={th.id}>
            {th.label[lang]}
          </option>
        ))}
      </select>
      {data && (
        <SeriesChart
          points={data.points}
          granularity={data.granularity}
          title={`${t('timeline')}: ${title}`}
          k={data.k}
        />
      )}
    </section>
  );
}
