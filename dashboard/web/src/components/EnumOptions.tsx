import { themeLabel } from '@trendwacht/shared';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';

/** The `<option>`s of a fixed list, each labelled by the message `<prefix>_<value>`. */
export function EnumOptions({ values, prefix }: { values: readonly string[]; prefix: string }) {
  const { t } = useI18n();
  return (
    <>
      {values.map((v) => (
        <option key={v} value={v}>
          {t(`${prefix}_${v}` as MessageKey)}
        </option>
      ))}
    </>
  );
}

/** The `<option>`s of themes (or `all`), each labelled with the theme's name in the UI language. */
export function ThemeOptions({ ids }: { ids: readonly string[] }) {
  const { lang } = useI18n();
  return (
    <>
      {ids.map((id) => (
        <option key={id} value={id}>
          {themeLabel(id)[lang]}
        </option>
      ))}
    </>
  );
}
