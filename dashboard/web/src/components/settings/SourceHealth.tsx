import { API } from '@trendwacht/shared';
import { call } from '../../api';
import { useI18n } from '../../i18n';
import { useTenant } from '../../tenant';
import { useData } from '../../use-data';
import { Status } from '../Status';
import { TableHead } from '../TableHead';

/** Each connector's health as ingest reports it. */
export function SourceHealth() {
  const { t, lang, fmt } = useI18n();
  const tenant = useTenant();
  const list = useData(() => call(API.sources, { params: { tenant: tenant.id } }), [tenant.id, tenant.tick]);
  const time = (ms: number | null | undefined) => (ms ? new Date(ms).toLocaleString(`${lang}-BE`) : '—');
  return (
    <section aria-labelledby="src-h">
      <h2 id="src-h">{t('sourcesHealth')}</h2>
      <Status
        loading={!list.data && !list.error}
        error={list.error}
        empty={list.data?.sources.length === 0 && t('sourcesNone')}
      />
      {list.data && list.data.sources.length > 0 && (
        <table data-testid="sources">
          <TableHead
            columns={['sources', 'status', 'lastItem', 'lag', 'reconnects', 'lastError']}
            numeric={['lag', 'reconnects']}
          />
          <tbody>
            {list.data.sources.map((s) => (
              <tr key={s.name}>
                <td>
                  {s.name} <span className="muted">({s.mapper ?? '—'})</span>
                </td>
                <td>{s.stale ? t('stale') : s.state}</td>
                <td>{time(s.lastItemAt)}</td>
                <td className="num">{s.lagMs == null ? '—' : `${fmt(Math.round(s.lagMs / 1000))} s`}</td>
                <td className="num">{fmt(s.reconnects ?? 0)}</td>
                <td>{s.lastError ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
