import { SENSITIVITIES } from '@trendwacht/shared';
import { type FormEvent, useState } from 'react';
import { useI18n } from '../../i18n';
import { EnumOptions } from '../EnumOptions';
import { Status } from '../Status';
import { TermChips } from './TermChips';
import { ThemeTerms } from './ThemeTerms';
import { TimeZoneField } from './TimeZoneField';
import { useSettings } from './use-settings';

/** k, sensitivity and time zone; the watch terms of the local theme; each theme's own terms. */
export function GeneralSettings() {
  const { t } = useI18n();
  const { settings, error, save, message } = useSettings();
  const [term, setTerm] = useState('');
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const sensitivity = SENSITIVITIES.find((x) => x === f.get('sensitivity')) ?? 'normal';
    void save({ k: Number(f.get('k')), sensitivity, timeZone: String(f.get('timeZone')) });
  };
  const addTerm = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!settings || !term.trim()) return;
    void save({ watchTerms: [...settings.watchTerms, term.trim()] }).then(() => setTerm(''));
  };
  return (
    <section aria-labelledby="set-h">
      <h2 id="set-h">{t('settingsGeneral')}</h2>
      <Status loading={!settings && !error} error={error} />
      {settings && (
        <>
          <form onSubmit={submit} className="stack">
            <label>
              {t('kLabel')}
              <input name="k" type="number" min={3} max={100} defaultValue={settings.k} aria-describedby="k-help" />
            </label>
            <p id="k-help" className="muted">
              {t('kHelp')}
            </p>
            <label>
              {t('sensitivity')}
              <select name="sensitivity" defaultValue={settings.sensitivity}>
                <EnumOptions values={SENSITIVITIES} prefix="sensitivity" />
              </select>
            </label>
            <TimeZoneField value={settings.timeZone} />
            <button type="submit">{t('save')}</button>
          </form>
          <h3>{t('watchTerms')}</h3>
          <p className="muted">{t('watchTermsHelp')}</p>
          <TermChips
            terms={settings.watchTerms}
            testId="watch-terms"
            onRemove={(w) => void save({ watchTerms: settings.watchTerms.filter((x) => x !== w) })}
          />
          <form onSubmit={addTerm} className="row">
            <label>
              {t('newTerm')}
              <input value={term} onChange={(e) => setTerm(e.target.value)} maxLength={60} />
            </label>
            <button type="submit">{t('add')}</button>
          </form>
          <ThemeTerms settings={settings} save={save} />
          {message}
        </>
      )}
    </section>
  );
}
