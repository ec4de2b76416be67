import { download } from '../api';
import { useI18n } from '../i18n';

/**
 * The narrative's dossier for an expert partner: this page printed (print stylesheet: no
 * forms, no navigation; "Print → PDF") or its JSON. Both are k-anonymous, without ids,
 * staff names or posts.
 */
export function DossierActions({ path }: { path: string }) {
  const { t } = useI18n();
  const save = async () => {
    const file = await download(path);
    const url = URL.createObjectURL(file.blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = file.name;
    document.body.append(a);
    a.click();
    a.remove();
    URL.revokeObjectURL(url);
  };
  return (
    <p className="no-print actions">
      <button type="button" onClick={() => window.print()}>
        {t('nar_dossierPrint')}
      </button>{' '}
      <button type="button" onClick={() => void save()}>
        {t('nar_dossierJson')}
      </button>
    </p>
  );
}
