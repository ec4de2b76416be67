import { API } from '@trendwacht/shared';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { send } from '../api';
import { useI18n } from '../i18n';
import { useTenant } from '../tenant';

/** Crisis team: open an incident from an alert or a narrative, then go to it. */
export function FlagIncident({
  title,
  alertId,
  narrativeId,
}: { title: string; alertId?: string; narrativeId?: string }) {
  const { t } = useI18n();
  const tenant = useTenant();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  if (!tenant.may('incidents.write')) return null;
  const flag = async () => {
    try {
      const inc = await send(API.createIncident, `${tenant.api}/incidents`, {
        title,
        severity: 'medium',
        ...(alertId ? { alertId } : {}),
        ...(narrativeId ? { narrativeId } : {}),
      });
      navigate(`${tenant.base}/incidents/${inc.id}`);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <>
      <button type="button" className="primary" onClick={() => void flag()}>
        {t('flagIncident')}
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
