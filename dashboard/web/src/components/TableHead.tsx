import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';

/**
 * A table's column headers from message keys; `action`, when given, adds a last column
 * for row buttons, named for screen readers only.
 */
export function TableHead({ columns, action }: { columns: readonly MessageKey[]; action?: MessageKey }) {
  const { t } = useI18n();
  return (
    <thead>
      <tr>
        {columns.map((c) => (
          <th key={c} scope="col">
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
