import { ALL, type Range, type ThemeSummary, type Timeline } from '@trendwacht/shared';
import { useEffect, useId, useState } from 'react';
import { fetchTimeline } from '../api';
import { useI18n } from '../i18n';
import { Guarded } from './Guarded';
import { TimelineChart } from './TimelineChart';

export function TimelinePanel({ range, tick, themes }: { range: Range; tick: number; themes: ThemeSummary[] }) {
  const { t, lang } = useI18n();
  const [theme, setTheme] = useState<string>(ALL);
  const [timeline, setTimeline] = useState<Timeline | null>(null);
  const selectId = useId();

  // biome-ignore lint/correctness/useExhaustiveDependencies: tick is the trigger to refetch
  useEffect(() => {
    let cancelled = false;
    fetchTimeline(theme, range)
      .then((tl) => !cancelled && setTimeline(tl))
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [theme, range, tick]);

  const label = (ms: number) => new Date(ms).toLocaleTimeString(`${lang}-BE`, { hour: '2-digit', minute: '2-digit' });
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
      {timeline && (
        <>
          <TimelineChart
            labels={timeline.points.map((p) => label(p.t))}
            values={timeline.points.map((p) => p.posts)}
            title={`${t('timeline')}: ${title}`}
          />
          <details>
            <summary>{t('showTable')}</summary>
            <table>
              <caption>
                {t('timeline')}: {title}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('time')}</th>
                  <th scope="col">{t('posts')}</th>
                </tr>
              </thead>
              <tbody>
                {timeline.points.map((p) => (
                  <tr key={p.t}>
                    <td>{label(p.t)}</td>
                    <td>
                      <Guarded value={p.posts} k={timeline.k} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </section>
  );
}
