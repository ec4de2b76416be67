import { fill } from '@trendwacht/shared';
import i18next from 'i18next';
import ICU from 'i18next-icu';
import { type ReactNode, createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { MESSAGES, type MessageKey, UI_LANGS, type UiLang } from './messages';

const STORAGE_KEY = 'trendwacht.lang';

type Vars = Record<string, string | number>;
type I18n = {
  lang: UiLang;
  setLang(l: UiLang): void;
  t(key: MessageKey, vars?: Vars): string;
  fmt(n: number): string;
};

/**
 * One i18next instance over the locale files, reading ICU messages (`{n, plural, one {…}
 * other {…}}`). Keys are flat (no `.` or `:` separators); a message that cannot be
 * formatted (a variable missing) falls back to filling the placeholders it can.
 */
export const i18n = i18next.createInstance();
const fillWhatCan = (_err: Error, _key: string, res: string, opts: object) =>
  fill(res, Object.fromEntries(Object.entries(opts).filter(([, v]) => typeof v === 'string')));
i18n.use(new ICU({ parseErrorHandler: fillWhatCan }));
void i18n.init({
  resources: Object.fromEntries(UI_LANGS.map((l) => [l, { translation: MESSAGES[l] }])),
  lng: 'nl',
  fallbackLng: 'nl',
  supportedLngs: [...UI_LANGS],
  keySeparator: false,
  nsSeparator: false,
  returnNull: false,
  initAsync: false,
  showSupportNotice: false,
  interpolation: { escapeValue: false },
});

/** A message in a language; numbers are passed as text, so `{n}` reads as before (no grouping). */
export function translate(lang: UiLang, key: MessageKey, vars?: Vars): string {
  const values = vars ? Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, String(v)])) : {};
  return i18n.t(key, { ...values, lng: lang });
}

const Ctx = createContext<I18n | null>(null);

function initialLang(): UiLang {
  const saved = localStorage.getItem(STORAGE_KEY);
  return UI_LANGS.find((l) => l === saved) ?? 'nl';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<UiLang>(initialLang);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const setLang = useCallback((l: UiLang) => {
    localStorage.setItem(STORAGE_KEY, l);
    setLangState(l);
  }, []);
  const value = useMemo<I18n>(() => {
    const nf = new Intl.NumberFormat(`${lang}-BE`);
    return {
      lang,
      setLang,
      t: (key, vars) => translate(lang, key, vars),
      fmt: (n) => nf.format(n),
    };
  }, [lang, setLang]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
