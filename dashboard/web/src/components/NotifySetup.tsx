import {
  ALERT_EVENTS,
  API,
  NOTIFY_FORMATS,
  NOTIFY_LANGS,
  type NotifyFormat,
  SEVERITIES,
  secretPrefix,
} from '@trendwacht/shared';
import { type FormEvent, useState } from 'react';
import { getJson, send, sendForm } from '../api';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { useTenant } from '../tenant';
import { useData } from '../use-data';
import { EnumOptions } from './EnumOptions';
import { Status } from './Status';
import { TableHead } from './TableHead';
import { useMessage } from './use-message';

/** The form's fields as a notification target (the server checks it with the shared schema). */
function fromForm(f: FormData): Record<string, unknown> {
  const secret = String(f.get('secretEnv') ?? '').trim();
  const email = f.get('format') === 'email';
  return {
    id: String(f.get('id') ?? '').trim(),
    format: f.get('format'),
    urlEnv: String(f.get('urlEnv') ?? '').trim(),
    ...(secret && !email ? { secretEnv: secret } : {}),
    ...(email
      ? {
          to: String(f.get('to') ?? '')
            .split(/[\s,;]+/)
            .filter(Boolean),
          from: String(f.get('from') ?? '').trim(),
        }
      : {}),
    minSeverity: f.get('minSeverity'),
    events: ALERT_EVENTS.filter((e) => f.get(`event_${e}`) === 'on'),
    lang: f.get('lang'),
  };
}

/**
 * Meldingen versturen: where the tenant's alerts go as they open, escalate or close
 * (webhooks: signed JSON, Teams, Slack), with each target's deliveries and a test button.
 * A target names the environment variable holding its URL, never the URL.
 */
export function NotifySetup() {
  const { t, lang, fmt } = useI18n();
  const tenant = useTenant();
  const list = useData(() => getJson(`${tenant.api}/notify`, API.notify), [tenant.api, tenant.tick]);
  const msg = useMessage();
  const editable = tenant.may('settings.write');
  const [format, setFormat] = useState<NotifyFormat>('teams');
  const save = (next: unknown[]) =>
    msg.run(async () => {
      const settings = await getJson(`${tenant.api}/settings`, API.settings);
      await sendForm(API.putSettings, `${tenant.api}/settings`, { ...settings, notify: next });
      list.reload();
    }, t('saved'));
  const targets = list.data?.targets ?? [];
  const add = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    void save([...targets, fromForm(new FormData(form))]).then(() => {
      form.reset();
      setFormat('teams');
    });
  };
  const test = (id: string) =>
    msg.run(async () => {
      await send(API.testNotify, `${tenant.api}/notify/${encodeURIComponent(id)}/test`);
    }, t('notifyTestQueued'));
  const time = (ms: number | null) => (ms ? new Date(ms).toLocaleString(`${lang}-BE`) : '—');
  return (
    <section aria-labelledby="notify-h">
      <h2 id="notify-h">{t('settingsNotify')}</h2>
      <p className="muted">{t('notifyHelp')}</p>
      <Status
        loading={!list.data && !list.error}
        error={list.error}
        empty={list.data?.targets.length === 0 && t('notifyNone')}
      />
      {list.data && targets.length > 0 && (
        <table data-testid="notify-targets">
          <TableHead
            columns={[
              'notifyId',
              'notifyFormat',
              'notifyUrlVarShort',
              'notifyWhen',
              'notifyDelivered',
              'notifyLastError',
            ]}
            numeric={['notifyDelivered']}
            action={editable ? 'actions' : undefined}
          />
          <tbody>
            {targets.map((x) => {
              const s = list.data?.status[x.id];
              return (
                <tr key={x.id}>
                  <td>
                    {x.id}
                    {!x.enabled && <span className="muted"> ({t('notifyOff')})</span>}
                  </td>
                  <td>
                    {t(`notifyFormat_${x.format}`)} · {x.lang.toUpperCase()}
                  </td>
                  <td>
                    <code>{x.urlEnv}</code>
                    {x.to && ` → ${x.to.join(', ')}`}
                    {x.secretEnv && (
                      <>
                        {' '}
                        · <code>{x.secretEnv}</code>
                      </>
                    )}
                  </td>
                  <td>
                    {x.events.map((e) => t(`notifyEvent_${e}` as MessageKey)).join(', ')} ·{' '}
                    {t('notifyFrom', { severity: t(`severity_${x.minSeverity}`) })}
                  </td>
                  <td className="num">{fmt(s?.delivered ?? 0)}</td>
                  <td>{s?.lastError ? `${s.lastError} (${time(s.lastErrorAt)})` : '—'}</td>
                  {editable && (
                    <td className="actions">
                      <button
                        type="button"
                        aria-label={t('notifyTestItem', { item: x.id })}
                        onClick={() => void test(x.id)}
                      >
                        {t('notifyTest')}
                      </button>{' '}
                      <button
                        type="button"
                        aria-label={t(x.enabled ? 'notifyDisableItem' : 'notifyEnableItem', { item: x.id })}
                        onClick={() =>
                          void save(targets.map((y) => (y.id === x.id ? { ...y, enabled: !y.enabled } : y)))
                        }
                      >
                        {t(x.enabled ? 'notifyDisable' : 'notifyEnable')}
                      </button>{' '}
                      <button
                        type="button"
                        aria-label={t('removeItem', { item: x.id })}
                        onClick={() => void save(targets.filter((y) => y.id !== x.id))}
                      >
                        {t('remove')}
                      </button>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {editable && (
        <>
          <h3>{t('notifyAdd')}</h3>
          <form onSubmit={add} className="stack">
            <label>
              {t('notifyId')}
              <input name="id" required pattern="[a-z0-9][a-z0-9\-]{0,39}" placeholder="crisiscel" />
            </label>
            <label>
              {t('notifyFormat')}
              <select name="format" value={format} onChange={(e) => setFormat(e.target.value as NotifyFormat)}>
                <EnumOptions values={NOTIFY_FORMATS} prefix="notifyFormat" />
              </select>
            </label>
            {format === 'email' && (
              <>
                <label>
                  {t('notifyTo')}
                  <textarea name="to" rows={3} required placeholder="crisiscel@gemeente.be" />
                </label>
                <label>
                  {t('notifySender')}
                  <input name="from" type="email" required placeholder="trendwacht@gemeente.be" />
                </label>
              </>
            )}
            <label>
              {t('notifyUrlVar')}
              <input
                name="urlEnv"
                required
                pattern="[A-Z][A-Z0-9_]{1,63}"
                placeholder={`${secretPrefix(tenant.id)}${format === 'email' ? 'SMTP_URL' : 'TEAMS_URL'}`}
                autoComplete="off"
                aria-describedby="notify-secret-help"
              />
            </label>
            {format === 'json' && (
              <label>
                {t('notifySecretVar')}
                <input
                  name="secretEnv"
                  pattern="[A-Z][A-Z0-9_]{1,63}"
                  placeholder={`${secretPrefix(tenant.id)}SIGNING_KEY`}
                  autoComplete="off"
                  aria-describedby="notify-secret-help"
                />
              </label>
            )}
            <p id="notify-secret-help" className="muted">
              {t('notifySecretHelp', { prefix: secretPrefix(tenant.id) })}
            </p>
            <fieldset>
              <legend>{t('notifyWhen')}</legend>
              {ALERT_EVENTS.map((e) => (
                <label key={e} className="check">
                  <input name={`event_${e}`} type="checkbox" defaultChecked={e !== 'close'} />
                  {t(`notifyEvent_${e}`)}
                </label>
              ))}
            </fieldset>
            <label>
              {t('fromSeverity')}
              <select name="minSeverity" defaultValue="medium">
                <EnumOptions values={SEVERITIES} prefix="severity" />
              </select>
            </label>
            <label>
              {t('language')}
              <select name="lang" defaultValue={lang}>
                <EnumOptions values={NOTIFY_LANGS} prefix="lang" />
              </select>
            </label>
            <button type="submit">{t('add')}</button>
          </form>
        </>
      )}
      {msg.view}
    </section>
  );
}
