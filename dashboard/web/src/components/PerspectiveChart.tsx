import { type Granularity, PERSPECTIVES, type Perspective } from '@trendwacht/shared';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { Guarded } from './Guarded';
import { bucketLabel } from './SeriesChart';
import { useTime } from './Time';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

/** One colour per perspective (contrast ≥ 3:1 against white, told apart without colour by the legend and table). */
export const PERSPECTIVE_COLOURS: Record<(typeof PERSPECTIVES)[number], string> = {
  pushing: '#b3261e',
  countering: '#1b7a3d',
  informing: '#0b5394',
  asking: '#8a5a00',
};

/**
 * The perspectives of a narrative as one stacked bar chart over time (posts per bucket,
 * stacked by perspective: the share is the height of each part), with the same numbers as
 * a table for screen readers and keyboards. Hidden values (< k authors) are gaps and "< k".
 */
export function PerspectiveChart({
  perspectives,
  granularity,
  title,
  k,
}: { perspectives: Perspective[]; granularity: Granularity; title: string; k: number }) {
  const { t, lang } = useI18n();
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<'bar', (number | null)[], string> | null>(null);
  const times = perspectives[0]?.series.map((p) => p.t) ?? [];
  const { zone } = useTime();
  const labels = times.map((x) => bucketLabel(x, granularity, lang, zone));
  const name = (p: string) => t(`persp_${p}` as MessageKey);

  useEffect(() => {
    if (!canvas.current) return;
    chart.current = new Chart(canvas.current, {
      type: 'bar',
      data: { labels: [], datasets: [] },
      options: {
        animation: false,
        maintainAspectRatio: false,
        plugins: { legend: { position: 'bottom' } },
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    c.data.labels = labels;
    c.data.datasets = perspectives.map((p) => ({
      label: name(p.perspective),
      data: p.series.map((x) => x.posts),
      backgroundColor: PERSPECTIVE_COLOURS[p.perspective],
    }));
    c.update('none');
  });

  const totalAt = (i: number) => {
    const vals = perspectives.map((p) => p.series[i]?.posts ?? null);
    return vals.some((v) => v === null) ? null : vals.reduce<number>((a, b) => a + (b ?? 0), 0);
  };
  return (
    <>
      <div className="chart chart-tall">
        <canvas ref={canvas} role="img" aria-label={title} />
      </div>
      <details>
        <summary>{t('showTable')}</summary>
        <table data-testid="perspective-table">
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('time')}</th>
              {PERSPECTIVES.map((p) => (
                <th key={p} scope="col" className="num">
                  {name(p)}
                </th>
              ))}
              <th scope="col" className="num">
                {t('nar_total')}
              </th>
            </tr>
          </thead>
          <tbody>
            {times.map((x, i) =>
              perspectives.every((p) => p.series[i]?.posts === 0) ? null : (
                <tr key={x}>
                  <th scope="row">{labels[i]}</th>
                  {perspectives.map((p) => (
                    <td key={p.perspective} className="num">
                      <Guarded value={p.series[i]?.posts ?? null} k={k} />
                    </td>
                  ))}
                  <td className="num">
                    <Guarded value={totalAt(i)} k={k} />
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </details>
    </>
  );
}
