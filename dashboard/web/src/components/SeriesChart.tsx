import type { Granularity } from '@trendwacht/shared';
import { useI18n } from '../i18n';
import { Guarded } from './Guarded';
import { useTime } from './Time';
import { TimelineChart } from './TimelineChart';

/** A bucket's time in the tenant's zone (`timeZone`, see Time.tsx). */
export function bucketLabel(t: number, g: Granularity, lang: string, timeZone?: string): string {
  const d = new Date(t);
  if (g === 'day') return d.toLocaleDateString(`${lang}-BE`, { day: 'numeric', month: 'short', timeZone });
  if (g === 'hour') {
    return d.toLocaleString(`${lang}-BE`, { weekday: 'short', hour: '2-digit', minute: '2-digit', timeZone });
  }
  return d.toLocaleTimeString(`${lang}-BE`, { hour: '2-digit', minute: '2-digit', timeZone });
}

/** A chart with its table alternative (WCAG: the same data for screen readers and keyboards). */
export function SeriesChart({
  points,
  granularity,
  title,
  k,
}: { points: { t: number; posts: number | null }[]; granularity: Granularity; title: string; k: number }) {
  const { t, lang } = useI18n();
  const { zone } = useTime();
  const labels = points.map((p) => bucketLabel(p.t, granularity, lang, zone));
  return (
    <>
      <TimelineChart labels={labels} values={points.map((p) => p.posts)} title={title} />
      <details>
        <summary>{t('showTable')}</summary>
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('time')}</th>
              <th scope="col" className="num">
                {t('posts')}
              </th>
            </tr>
          </thead>
          <tbody>
            {points.map((p, i) => (
              <tr key={p.t}>
                <td>{labels[i]}</td>
                <td className="num">
                  <Guarded value={p.posts} k={k} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
}
