import type { Permission } from '@trendwacht/shared';
import { Suspense, useEffect, useId } from 'react';
import { NavLink, Navigate, Outlet, useNavigate, useParams } from 'react-router';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { useSession } from '../session';
import { TenantContext, tenantCtx } from '../tenant';
import { useLive } from '../use-live';
import { LanguageSwitch } from './LanguageSwitch';
import { Masthead } from './Masthead';

const NAV: { to: string; label: MessageKey; needs: Permission }[] = [
  { to: '', label: 'navOverview', needs: 'read' },
  { to: 'alerts', label: 'navAlerts', needs: 'read' },
  { to: 'incidents', label: 'navIncidents', needs: 'incidents.read' },
  { to: 'export', label: 'navExport', needs: 'export' },
  { to: 'settings', label: 'navSettings', needs: 'tokens' },
  { to: 'audit', label: 'navAudit', needs: 'audit.read' },
];

/** Header, navigation by role, tenant switch, the live stream; pages render in <main>. */
export function TenantLayout() {
  const { tenant = '' } = useParams();
  const { session, logout } = useSession();
  const { t } = useI18n();
  const navigate = useNavigate();
  const switchId = useId();
  const membership = session?.tenants.find((x) => x.id === tenant);
  const live = useLive(tenant);
  useEffect(() => {
    document.title = membership ? `Trendwacht — ${membership.name}` : 'Trendwacht';
  }, [membership]);
  if (!session) return null;
  if (!membership) return <Navigate to="/" replace />;
  const ctx = tenantCtx(membership, live.tick, live.connected);
  return (
    <TenantContext.Provider value={ctx}>
      <a className="skip" href="#main">
        {t('skip')}
      </a>
      <Masthead>
        {session.tenants.length > 1 && (
          <label htmlFor={switchId}>
            {t('tenant')}{' '}
            <select id={switchId} value={tenant} onChange={(e) => navigate(`/t/${e.target.value}`)}>
              {session.tenants.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <LanguageSwitch />
        <span className="who">
          {t('signedInAs', { name: session.user.name, role: t(`role_${membership.role}` as MessageKey) })}
        </span>
        <button type="button" onClick={() => void logout()}>
          {t('signOut')}
        </button>
      </Masthead>
      <nav aria-label={t('mainNav')} className="nav">
        <ul>
          {NAV.filter((n) => ctx.may(n.needs)).map((n) => (
            <li key={n.to}>
              <NavLink to={n.to ? `${ctx.base}/${n.to}` : ctx.base} end={n.to === ''}>
                {t(n.label)}
              </NavLink>
            </li>
          ))}
        </ul>
        <output className="status" aria-live="polite">
          <span className={live.connected ? 'dot on' : 'dot'} aria-hidden="true" />
          {live.connected ? t('live') : t('offline')}
        </output>
      </nav>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<p aria-busy="true">{t('loading')}</p>}>
          <Outlet />
        </Suspense>
      </main>
    </TenantContext.Provider>
  );
}
