import {
  CategoryScale,
  Chart,
  Filler,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
} from 'chart.js';
import { useEffect, useRef } from 'react';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Tooltip, Filler);

/**
 * A line chart created once, updated in place when data changes (no flicker, no leak),
 * destroyed on unmount. Suppressed points (null) are drawn as gaps.
 */
export function TimelineChart({
  labels,
  values,
  title,
}: { labels: string[]; values: (number | null)[]; title: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<'line', (number | null)[], string> | null>(null);

  useEffect(() => {
    if (!canvas.current) return;
    chart.current = new Chart(canvas.current, {
      type: 'line',
      data: {
        labels: [],
        datasets: [
          {
            data: [],
            borderColor: '#0b5394',
            backgroundColor: 'rgba(11,83,148,0.15)',
            fill: true,
            spanGaps: false,
            // A shown point between hidden ones draws no line: a dot, or a burst looks flat.
            pointRadius: (ctx) => {
              const d = ctx.dataset.data;
              const i = ctx.dataIndex;
              return Number(d[i] ?? 0) > 0 && d[i - 1] == null && d[i + 1] == null ? 4 : 0;
            },
            tension: 0.2,
          },
        ],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        plugins: { legend: { display: false } },
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const c = chart.current;
    const ds = c?.data.datasets[0];
    if (!c || !ds) return;
    c.data.labels = labels;
    ds.data = values;
    c.update('none');
  }, [labels, values]);

  return (
    <div className="chart">
      <canvas ref={canvas} role="img" aria-label={title} />
    </div>
  );
}
