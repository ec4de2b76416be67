import { ALERT_MESSAGES, alertTime, fill, zoneName } from '@trendwacht/shared';
import { useI18n } from '../i18n';
import { useTenant } from '../tenant';

/**
 * One time zone per view: the tenant's (its setting), whatever zone the browser is in.
 * Every time of a tenant's pages goes through here, formatted as the alerts' receipts
 * are (`alertTime`), and a page that shows times names the zone (`ZoneNote`).
 */
export function useTime() {
  const { lang } = useI18n();
  const { timeZone } = useTenant();
  return {
    zone: timeZone,
    /** "dinsdag 2 december 19:48" in the tenant's zone (withDay false: "19:48"). */
    at: (ms: number, withDay = true) => alertTime({ timeZone }, ms, lang, withDay),
    /** An alert (or anything with a zone) as shown: in the tenant's zone, not the one it was saved with. */
    inZone: <T extends { timeZone?: string | undefined }>(a: T): T => ({ ...a, timeZone }),
  };
}

/** A time in the tenant's zone, with its machine-readable form. */
export function Time({ ms, withDay = true }: { ms: number; withDay?: boolean }) {
  const { at } = useTime();
  return <time dateTime={new Date(ms).toISOString()}>{at(ms, withDay)}</time>;
}

/** "Alle tijden in Midden-Europese standaardtijd.": the zone of the times on the page. */
export function ZoneNote({ at, testId = 'time-zone' }: { at?: number; testId?: string }) {
  const { lang } = useI18n();
  const { timeZone } = useTenant();
  return (
    <p className="muted" data-testid={testId}>
      {fill(ALERT_MESSAGES[lang].rc_timeZone, { zone: zoneName({ timeZone }, at ?? Date.now(), lang) })}
    </p>
  );
}
