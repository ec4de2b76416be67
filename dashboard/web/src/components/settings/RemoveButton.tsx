import { useI18n } from '../../i18n';

/** "Verwijderen", named for what it removes ("Ceapire verwijderen") for screen readers. */
export function RemoveButton({ item, onRemove }: { item: string; onRemove: () => void }) {
  const { t } = useI18n();
  return (
    <button type="button" onClick={onRemove} aria-label={t('removeItem', { item })}>
      {t('remove')}
    </button>
  );
}
