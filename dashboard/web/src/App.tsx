import { type ComponentType, lazy } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { TenantLayout } from './components/TenantLayout';
import { useI18n } from './i18n';
import { LoginPage } from './pages/LoginPage';
import { useSession } from './session';

/**
 * Pages load on first visit (code-split), so signing in does not wait for Chart.js or the
 * admin pages; TenantLayout shows "loading" in the page area meanwhile.
 */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(() => load().then((m) => ({ default: m[name] })));
}
const OverviewPage = page(() => import('./pages/OverviewPage'), 'OverviewPage');
const ThemePage = page(() => import('./pages/ThemePage'), 'ThemePage');
const NarrativePage = page(() => import('./pages/NarrativePage'), 'NarrativePage');
const AlertsPage = page(() => import('./pages/AlertsPage'), 'AlertsPage');
const AlertPage = page(() => import('./pages/AlertsPage'), 'AlertPage');
const IncidentsPage = page(() => import('./pages/IncidentsPage'), 'IncidentsPage');
const IncidentPage = page(() => import('./pages/IncidentPage'), 'IncidentPage');
const BriefingPage = page(() => import('./pages/BriefingPage'), 'BriefingPage');
const ExportPage = page(() => import('./pages/ExportPage'), 'ExportPage');
const SettingsPage = page(() => import('./pages/SettingsPage'), 'SettingsPage');
const AuditPage = page(() => import('./pages/AuditPage'), 'AuditPage');

export function App() {
  const { session, checking } = useSession();
  const { t } = useI18n();
  if (checking) return <p aria-busy="true">{t('loading')}</p>;
  if (!session) return <LoginPage />;
  const first = session.tenants[0];
  return (
    <Routes>
      <Route path="/" element={first ? <Navigate to={`/t/${first.id}`} replace /> : <LoginPage noTenant />} />
      <Route path="/t/:tenant" element={<TenantLayout />}>
        <Route index element={<OverviewPage />} />
        <Route path="themes/:theme" element={<ThemePage />} />
        <Route path="narratives/:id" element={<NarrativePage />} />
        <Route path="alerts" element={<AlertsPage />} />
        <Route path="alerts/:id" element={<AlertPage />} />
        <Route path="incidents" element={<IncidentsPage />} />
        <Route path="incidents/:id" element={<IncidentPage />} />
        <Route path="incidents/:id/briefing" element={<BriefingPage />} />
        <Route path="export" element={<ExportPage />} />
        <Route path="settings/:section?" element={<SettingsPage />} />
        <Route path="audit" element={<AuditPage />} />
        <Route path="*" element={<p>{t('notFound')}</p>} />
      </Route>
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  );
}
