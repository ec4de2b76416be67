import { EXTENSIBLE_THEMES, type TenantSettings, type ThemeId, themeLabel } from '@trendwacht/shared';
import { type FormEvent, useState } from 'react';
import { useI18n } from '../../i18n';
import { ThemeOptions } from '../EnumOptions';
import { TermChips } from './TermChips';

/** The tenant's own terms per theme: a local rumour for disinformation, a local group's name… */
export function ThemeTerms({
  settings,
  save,
}: { settings: TenantSettings; save: (next: Partial<TenantSettings>) => Promise<unknown> }) {
  const { t, lang } = useI18n();
  const [theme, setTheme] = useState<ThemeId>('disinfo');
  const [term, setTerm] = useState('');
  const listed = EXTENSIBLE_THEMES.filter((id) => (settings.themeTerms[id] ?? []).length > 0);
  const withTerms = (id: ThemeId, terms: string[]) => ({ themeTerms: { ...settings.themeTerms, [id]: terms } });
  const add = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!term.trim()) return;
    void save(withTerms(theme, [...(settings.themeTerms[theme] ?? []), term.trim()])).then(() => setTerm(''));
  };
  return (
    <>
      <h3>{t('themeTerms')}</h3>
      <p className="muted">{t('themeTermsHelp')}</p>
      {listed.length > 0 && (
        <dl className="theme-terms" data-testid="theme-terms">
          {listed.map((id) => (
            <div key={id}>
              <dt>{themeLabel(id)[lang]}</dt>
              <dd>
                <TermChips
                  terms={settings.themeTerms[id] ?? []}
                  onRemove={(w) =>
                    void save(
                      withTerms(
                        id,
                        (settings.themeTerms[id] ?? []).filter((x) => x !== w),
                      ),
                    )
                  }
                />
              </dd>
            </div>
          ))}
        </dl>
      )}
      <form onSubmit={add} className="row">
        <label>
          {t('theme')}
          <select
            value={theme}
            onChange={(e) => setTheme(EXTENSIBLE_THEMES.find((x) => x === e.target.value) ?? theme)}
          >
            <ThemeOptions ids={EXTENSIBLE_THEMES} />
          </select>
        </label>
        <label>
          {t('newThemeTerm')}
          <input value={term} onChange={(e) => setTerm(e.target.value)} maxLength={60} />
        </label>
        <button type="submit">{t('add')}</button>
      </form>
    </>
  );
}
