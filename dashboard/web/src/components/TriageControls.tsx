import { API, type Alert, alertTime } from '@trendwacht/shared';
import { useId, useState } from 'react';
import { sendForm } from '../api';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { useTenant } from '../tenant';

type Action = 'acknowledge' | 'snooze' | 'close' | 'false_alarm' | 'reopen';

/**
 * The crisis team's follow-up of an alert: acknowledge, snooze for an hour, close, or mark
 * as a false alarm with a reason (the detector then needs a clearly stronger burst of the
 * same words for a month). Each step is audited and noted on the incidents that follow it.
 */
export function TriageControls({ alert, onChange }: { alert: Alert; onChange: (a: Alert) => void }) {
  const { t, lang } = useI18n();
  const tenant = useTenant();
  const id = useId();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const tr = alert.triage;
  const act = async (action: Action) => {
    if (action === 'false_alarm' && reason.trim() === '') {
      setError(t('triage_reasonNeeded'));
      return;
    }
    try {
      const body =
        action === 'snooze'
          ? { action, minutes: 60 }
          : action === 'false_alarm' || action === 'close'
            ? { action, ...(reason.trim() ? { reason: reason.trim() } : {}) }
            : { action };
      onChange(await sendForm(API.triage, `${tenant.api}/alerts/${alert.id}/triage`, body));
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <section aria-labelledby={`${id}-h`} className="triage">
      <h2 id={`${id}-h`}>{t('triage')}</h2>
      {tr && (
        <p data-testid="triage-state">
          {t('triage_done', {
            state: t(`state_${tr.state}` as MessageKey),
            by: tr.by,
            time: alertTime(alert, tr.at, lang),
          })}
          {tr.reason ? ` — ${tr.reason}` : ''}
        </p>
      )}
      {tenant.may('incidents.write') && tr?.state !== 'false_alarm' && (
        <div className="row">
          <button type="button" onClick={() => void act('acknowledge')}>
            {t('triage_acknowledge')}
          </button>
          <button type="button" onClick={() => void act('snooze')}>
            {t('triage_snooze')}
          </button>
          <button type="button" onClick={() => void act('close')}>
            {t('triage_close')}
          </button>
          <label htmlFor={`${id}-r`}>{t('triage_reason')}</label>
          <input id={`${id}-r`} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
          <button type="button" onClick={() => void act('false_alarm')}>
            {t('triage_false_alarm')}
          </button>
          {tr && (
            <button type="button" onClick={() => void act('reopen')}>
              {t('triage_reopen')}
            </button>
          )}
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
