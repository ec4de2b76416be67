import { useI18n } from '../i18n';

/** A k-anonymous number: the value, or "< k" with an explanation for screen readers. */
export function Guarded({ value, k }: { value: number | null; k: number }) {
  const { t, fmt } = useI18n();
  if (value === null) {
    return (
      <span className="suppressed" title={t('belowK', { k })}>
        <span aria-hidden="true">&lt; {k}</span>
        <span className="sr-only">{t('belowK', { k })}</span>
      </span>
    );
  }
  return <span>{fmt(value)}</span>;
}
