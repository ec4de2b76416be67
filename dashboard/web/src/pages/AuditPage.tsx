import { API } from '@trendwacht/shared';
import { getJson } from '../api';
import { Status } from '../components/Status';
import { TableHead } from '../components/TableHead';
import { Time, ZoneNote } from '../components/Time';
import { useI18n } from '../i18n';
import { useTenant } from '../tenant';
import { useData } from '../use-data';

/** Audit (admin): who viewed, exported or changed what, when — and whether the chain is intact. */
export function AuditPage() {
  const { t } = useI18n();
  const tenant = useTenant();
  const log = useData(() => getJson(`${tenant.api}/audit?limit=200`, API.audit), [tenant.api, tenant.tick]);
  const check = useData(() => getJson(`${tenant.api}/audit/verify`, API.auditVerify), [tenant.api]);
  const v = check.data;
  return (
    <>
      <h1>{t('audit')}</h1>
      {v && (
        <output className={v.ok ? 'note block' : 'error block'} data-testid="audit-verify">
          {v.ok
            ? `${t('auditIntact', { entries: v.entries, head: v.head.slice(0, 16) || '—' })}${
                v.archived > 0 ? ` ${t('auditArchived', { archived: v.archived })}` : ''
              }`
            : t('auditBroken', { seq: v.seq, reason: v.reason })}
        </output>
      )}
      <Status loading={!log.data && !log.error} error={log.error} />
      {log.data && (
        <table>
          <TableHead columns={['seq', 'when', 'actor', 'action', 'target']} numeric={['seq']} />
          <tbody>
            {log.data.entries.map((e) => (
              <tr key={e.seq}>
                <td className="num">{e.seq}</td>
                <td>
                  <Time ms={e.at} />
                </td>
                <td>{e.actor}</td>
                <td>
                  <code>{e.action}</code>
                </td>
                <td>{e.target ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {log.data && <ZoneNote />}
    </>
  );
}
