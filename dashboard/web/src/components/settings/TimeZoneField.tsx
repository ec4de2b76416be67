import { useI18n } from '../../i18n';

/** The zones a browser knows (IANA names); Europe/Brussels first, as most tenants use it. */
function zones(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set(['Europe/Brussels', current, ...known])];
}

/** The tenant's time zone: receipts, alerts and the dashboard show times in it. */
export function TimeZoneField({ value }: { value: string }) {
  const { t } = useI18n();
  return (
    <>
      <label>
        {t('timeZone')}
        <select name="timeZone" defaultValue={value} aria-describedby="tz-help">
          {zones(value).map((z) => (
            <option key={z} value={z}>
              {z.replace(/_/g, ' ')}
            </option>
          ))}
        </select>
      </label>
      <p id="tz-help" className="muted">
        {t('timeZoneHelp')}
      </p>
    </>
  );
}
