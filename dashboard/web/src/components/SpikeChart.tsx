import { type Alert, type ChartPoint, alertTime } from '@trendwacht/shared';
import { useI18n } from '../i18n';
import { useTenant } from '../tenant';

const W = 560;
const H = 180;
const PAD = 28;

/**
 * The spike of a receipt: posts per window (observed) against the expected count and its
 * normal band, as a small SVG — with the same figures as a table (screen readers,
 * keyboards). Points under k authors are gaps in the line and "hidden" in the table.
 */
export function SpikeChart({ alert, points }: { alert: Alert; points: ChartPoint[] }) {
  const { t, lang, fmt } = useI18n();
  const { k } = useTenant();
  if (points.length < 2) return null;
  const minutes = Math.round(((points[1] as ChartPoint).t - (points[0] as ChartPoint).t) / 60_000);
  const title = t('rc_chart', { minutes });
  const top = Math.max(1, ...points.map((p) => Math.max(p.high, p.observed ?? 0)));
  const x = (i: number) => PAD + (i * (W - 2 * PAD)) / (points.length - 1);
  const y = (v: number) => H - PAD - (v * (H - 2 * PAD)) / top;
  const band = [
    ...points.map((p, i) => `${x(i)},${y(p.high)}`),
    ...points.map((p, i) => `${x(i)},${y(p.low)}`).reverse(),
  ].join(' ');
  const expected = points.map((p, i) => `${x(i)},${y(p.expected)}`).join(' ');
  // The observed line breaks where a point is hidden (fewer than k authors).
  const runs: string[] = [];
  let run: string[] = [];
  points.forEach((p, i) => {
    if (p.observed === null) {
      if (run.length > 0) runs.push(run.join(' '));
      run = [];
    } else run.push(`${x(i)},${y(p.observed)}`);
  });
  if (run.length > 0) runs.push(run.join(' '));
  const label = (p: ChartPoint) => alertTime(alert, p.t + minutes * 60_000, lang, false);
  return (
    <figure className="spike">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title} data-testid="spike-chart">
        <polygon points={band} className="spike-band" fill="#dfe7f0" />
        <polyline points={expected} className="spike-expected" fill="none" stroke="#5b6b7c" strokeDasharray="4 3" />
        {runs.map((r) => (
          <polyline key={r} points={r} className="spike-observed" fill="none" stroke="#b3261e" strokeWidth="2.5" />
        ))}
        <text x={PAD} y={H - 8} fontSize="11">
          {label(points[0] as ChartPoint)}
        </text>
        <text x={W - PAD} y={H - 8} fontSize="11" textAnchor="end">
          {label(points[points.length - 1] as ChartPoint)}
        </text>
        <text x={PAD} y={14} fontSize="11">
          {fmt(top)}
        </text>
      </svg>
      <figcaption>
        <span className="key-observed">— {t('rc_observed')}</span>{' '}
        <span className="key-expected">- - {t('rc_expected')}</span> <span className="key-band">▮ {t('rc_band')}</span>
      </figcaption>
      <details>
        <summary>{t('showTable')}</summary>
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('time')}</th>
              <th scope="col" className="num">
                {t('rc_observed')}
              </th>
              <th scope="col" className="num">
                {t('rc_expected')}
              </th>
              <th scope="col" className="num">
                {t('rc_band')}
              </th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.t}>
                <td>{label(p)}</td>
                <td className="num">{p.observed === null ? t('rc_hidden', { k }) : fmt(p.observed)}</td>
                <td className="num">{fmt(Math.round(p.expected * 10) / 10)}</td>
                <td className="num">
                  {fmt(p.low)}–{fmt(p.high)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
