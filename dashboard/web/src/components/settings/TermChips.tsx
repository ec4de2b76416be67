import { useI18n } from '../../i18n';

/** Terms as chips, each with a button that removes it. */
export function TermChips({
  terms,
  onRemove,
  testId,
}: { terms: readonly string[]; onRemove: (term: string) => void; testId?: string }) {
  const { t } = useI18n();
  return (
    <ul className="chips" data-testid={testId}>
      {terms.map((w) => (
        <li key={w}>
          {w}{' '}
          <button type="button" aria-label={t('removeItem', { item: w })} onClick={() => onRemove(w)}>
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
