import { Navigate, Route, Routes } from 'react-router';
import { TenantLayout } from './components/TenantLayout';
import { useI18n } from './i18n';
import { AlertPage, AlertsPage } from './pages/AlertsPage';
import { AuditPage } from './pages/AuditPage';
import { BriefingPage } from './pages/BriefingPage';
import { ExportPage } from './pages/ExportPage';
import { IncidentPage } from './pages/IncidentPage';
import { IncidentsPage } from './pages/IncidentsPage';
import { LoginPage } from './pages/LoginPage';
import { NarrativePage } from './pages/NarrativePage';
import { OverviewPage } from './pages/OverviewPage';
import { SettingsPage } from './pages/SettingsPage';
import { ThemePage } from './pages/ThemePage';
import { useSession } from './session';

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
        <Route path="settings" element={<SettingsPage />} />
        <Route path="audit" element={<AuditPage />} />
        <Route path="*" element={<p>{t('notFound')}</p>} />
      </Route>
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  );
}
