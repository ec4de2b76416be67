import { API, TOKEN_SCOPES } from '@trendwacht/shared';
import { type FormEvent, useState } from 'react';
import { call } from '../../api';
import { useI18n } from '../../i18n';
import { useTenant } from '../../tenant';
import { useData } from '../../use-data';
import { useMessage } from '../use-message';

/** The caller's API tokens for this tenant: create one (shown once), revoke one. */
export function TokensSettings() {
  const { t, lang } = useI18n();
  const tenant = useTenant();
  const params = { tenant: tenant.id };
  const tokens = useData(() => call(API.tokens, { params }), [tenant.id]);
  const [shown, setShown] = useState<string | null>(null);
  const msg = useMessage();
  const create = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const body = { label: String(f.get('label')), scope: TOKEN_SCOPES.find((s) => s === f.get('scope')) ?? 'export' };
    void msg.run(async () => {
      setShown((await call(API.createToken, { params, body })).token);
      form.reset();
      tokens.reload();
    }, t('saved'));
  };
  const revoke = (id: string) =>
    msg.run(async () => {
      await call(API.revokeToken, { params: { ...params, id } });
      tokens.reload();
    }, t('saved'));
  return (
    <section aria-labelledby="tok-h">
      <h2 id="tok-h">{t('tokens')}</h2>
      {shown && (
        <output className="note block">
          {t('tokenShownOnce', { token: '' })}
          <code data-testid="new-token">{shown}</code>
        </output>
      )}
      <ul>
        {tokens.data?.tokens.map((tok) => (
          <li key={tok.id}>
            {tok.label} ({t(`tokenScope_${tok.scope}`)}) — {t('created')}{' '}
            {new Date(tok.createdAt).toLocaleString(`${lang}-BE`)}{' '}
            <button type="button" onClick={() => void revoke(tok.id)} aria-label={`${t('revoke')} ${tok.label}`}>
              {t('revoke')}
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={create} className="row">
        <label>
          {t('tokenLabel')}
          <input name="label" required maxLength={80} />
        </label>
        <label>
          {t('tokenScope')}
          <select name="scope" defaultValue="export">
            {TOKEN_SCOPES.map((sc) => (
              <option key={sc} value={sc}>
                {t(`tokenScope_${sc}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t('newToken')}</button>
      </form>
      {msg.view}
    </section>
  );
}
