import { ALERT_MESSAGES, type Alert, alertState, alertSubject, explainAlert, fill, zoneName } from '@trendwacht/shared';
import { Link } from 'react-router';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { useTenant } from '../tenant';

/**
 * Alerts with their state (open, acknowledged, closed) and the first line of the receipt.
 * One time zone for the whole list: the tenant's, as the newest alert carries it (the
 * detector writes the tenant's setting into every alert it saves), named under the list.
 */
export function AlertList({ alerts }: { alerts: Alert[] }) {
  const { t, lang } = useI18n();
  const tenant = useTenant();
  const newest = alerts.reduce<Alert | undefined>((n, a) => (!n || a.updatedAt > n.updatedAt ? a : n), undefined);
  const zone = { timeZone: newest?.timeZone };
  const shown = alerts.map((a) => ({ ...a, timeZone: zone.timeZone }));
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
      {newest && (
        <p className="muted" data-testid="alert-zone">
          {fill(ALERT_MESSAGES[lang].rc_timeZone, { zone: zoneName(zone, newest.updatedAt, lang) })}
        </p>
      )}
    </>
  );
}
