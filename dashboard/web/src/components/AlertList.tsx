import { type Alert, alertState, alertSubject, explainAlert } from '@trendwacht/shared';
import { Link } from 'react-router';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { useTenant } from '../tenant';
import { ZoneNote, useTime } from './Time';

/**
 * Alerts with their state (open, acknowledged, closed) and the first line of the receipt.
 * One time zone for the whole list: the tenant's (its setting), named under the list.
 */
export function AlertList({ alerts }: { alerts: Alert[] }) {
  const { t, lang } = useI18n();
  const tenant = useTenant();
  const newest = alerts.reduce<Alert | undefined>((n, a) => (!n || a.updatedAt > n.updatedAt ? a : n), undefined);
  const { inZone } = useTime();
  const shown = alerts.map(inZone);
  return (
    <>
      <ul className="alerts">
        {shown.map((a) => (
          <li key={a.id} className={`alert sev-${a.severity}`} data-testid="alert">
            <p className="alert-head">
              <span className="badge">{t(`severity_${a.severity}` as MessageKey)}</span>{' '}
              <span className="kind">{t(`kind_${a.kind}` as MessageKey)}</span>{' '}
              <Link to={`${tenant.base}/alerts/${a.id}`}>{alertSubject(a, lang)}</Link>{' '}
              <span className="muted" data-testid="alert-state">
                ({t(`state_${alertState(a)}` as MessageKey)})
              </span>
            </p>
            <p>{explainAlert(a, lang)[0]}</p>
          </li>
        ))}
      </ul>
      {newest && <ZoneNote at={newest.updatedAt} testId="alert-zone" />}
    </>
  );
}
