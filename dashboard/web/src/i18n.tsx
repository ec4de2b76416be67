import { fill } from '@trendwacht/shared';
import { type ReactNode, createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { MESSAGES, type MessageKey, UI_LANGS, type UiLang } from './messages';

const STORAGE_KEY = 'trendwacht.lang';

type I18n = {
  lang: UiLang;
  setLang(l: UiLang): void;
  t(key: MessageKey, vars?: Record<string, string | number>): string;
  fmt(n: number): string;
};

const Ctx = createContext<I18n | null>(null);

function initialLang(): UiLang {
  const saved = localStorage.getItem(STORAGE_KEY);
  return UI_LANGS.includes(saved as UiLang) ? (saved as UiLang) : 'nl';
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
      t: (key, vars) => fill(MESSAGES[lang][key], vars),
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
