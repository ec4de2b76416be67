import { useI18n } from '../i18n';

/** Loading, error and empty states, said the same way on every page. */
export function Status({
  loading,
  error,
  empty,
}: { loading?: boolean; error?: string | null; empty?: string | false }) {
  const { t } = useI18n();
  if (error) {
    return (
      <p className="error" role="alert">
        {t('error', { message: error })}
      </p>
    );
  }
  if (loading) return <p aria-busy="true">{t('loading')}</p>;
  if (empty) return <p className="empty">{empty}</p>;
  return null;
}
