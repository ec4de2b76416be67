import type { Permission } from '@trendwacht/shared';
import type { ReactNode } from 'react';
import { NavLink, Navigate, useParams } from 'react-router';
import { GazetteerSetup } from '../components/GazetteerSetup';
import { NotifySetup } from '../components/NotifySetup';
import { SourceSetup } from '../components/SourceSetup';
import { GeneralSettings } from '../components/settings/GeneralSettings';
import { PartnersSettings } from '../components/settings/PartnersSettings';
import { SourceHealth } from '../components/settings/SourceHealth';
import { TokensSettings } from '../components/settings/TokensSettings';
import { UsersSettings } from '../components/settings/UsersSettings';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { useTenant } from '../tenant';

type Section = { id: string; label: MessageKey; needs: Permission; view: () => ReactNode };

/** The settings' sections (tabs), each at its own address (`settings/<id>`), shown by permission. */
const SECTIONS: readonly Section[] = [
  {
    id: 'general',
    label: 'settingsGeneral',
    needs: 'settings.read',
    view: () => (
      <>
        <GeneralSettings />
        <GazetteerSetup />
      </>
    ),
  },
  {
    id: 'sources',
    label: 'settingsSources',
    needs: 'settings.read',
    view: () => (
      <>
        <SourceSetup />
        <SourceHealth />
      </>
    ),
  },
  { id: 'notify', label: 'settingsNotify', needs: 'settings.read', view: () => <NotifySetup /> },
  { id: 'partners', label: 'settingsPartners', needs: 'settings.read', view: () => <PartnersSettings /> },
  { id: 'users', label: 'users', needs: 'users.manage', view: () => <UsersSettings /> },
  { id: 'tokens', label: 'tokens', needs: 'tokens', view: () => <TokensSettings /> },
];

/**
 * Instellingen: one section at a time (general, sources, notifications, expert partners,
 * users, API tokens), chosen in a row of tab links (so each has an address to bookmark
 * and the back button works). Each section is its own component.
 */
export function SettingsPage() {
  const { t } = useI18n();
  const tenant = useTenant();
  const { section } = useParams();
  const allowed = SECTIONS.filter((s) => tenant.may(s.needs));
  const current = allowed.find((s) => s.id === section);
  if (!current) {
    const first = allowed[0];
    return first ? <Navigate to={`${tenant.base}/settings/${first.id}`} replace /> : <p>{t('notFound')}</p>;
  }
  return (
    <>
      <h1>{t('settings')}</h1>
      {allowed.length > 1 && (
        <nav aria-label={t('settingsSections')} className="subnav">
          <ul>
            {allowed.map((s) => (
              <li key={s.id}>
                <NavLink to={`${tenant.base}/settings/${s.id}`}>{t(s.label)}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {current.view()}
    </>
  );
}
