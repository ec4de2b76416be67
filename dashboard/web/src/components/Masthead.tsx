import type { ReactNode } from 'react';
import { useI18n } from '../i18n';

/** The top bar: name and tagline, with the page's tools (language, tenant, sign-out). */
export function Masthead({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  return (
    <header className="top">
      <div>
        <p className="brand">{t('appTitle')}</p>
        <p className="tagline">{t('tagline')}</p>
      </div>
      <div className="tools">{children}</div>
    </header>
  );
}
