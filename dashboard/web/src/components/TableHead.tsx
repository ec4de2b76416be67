import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';

/**
 * A table's column headers from message keys; `numeric` columns align right (as their
 * cells, class `num`); `action`, when given, adds a last column for row buttons, named for
 * screen readers only.
 */
export function TableHead({
  columns,
  numeric = [],
  action,
}: { columns: readonly MessageKey[]; numeric?: readonly MessageKey[]; action?: MessageKey }) {
  const { t } = useI18n();
  return (
    <thead>
      <tr>
        {columns.map((c) => (
          <th key={c} scope="col" className={numeric.includes(c) ? 'num' : undefined}>
            {t(c)}
          </th>
        ))}
        {action && (
          <th scope="col">
            <span className="sr-only">{t(action)}</span>
          </th>
        )}
      </tr>
    </thead>
  );
}
