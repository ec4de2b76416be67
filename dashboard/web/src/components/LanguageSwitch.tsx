import { useI18n } from '../i18n';
import { UI_LANGS } from '../messages';

const NAMES = { nl: 'Nederlands', fr: 'Français', en: 'English' } as const;

export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <label className="lang">
      {t('language')}{' '}
      <select value={lang} onChange={(e) => setLang(e.target.value as typeof lang)}>
        {UI_LANGS.map((l) => (
          <option key={l} value={l} lang={l}>
            {NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
