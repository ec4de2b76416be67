import messages from './alert-messages.json';
import { themeLabel } from './themes';
import type { Alert, AlertChange } from './trends';

/**
 * Words about alerts, shared by the dashboard (merged into its messages) and the alert
 * notifications the worker sends, so an alert reads the same on screen and in Teams. The
 * words themselves, per language, are data (`alert-messages.json`); a language that lacks
 * a key fails at load, naming it.
 */
export const ALERT_MESSAGES = messages;
for (const lang of ['fr', 'en'] as const) {
  for (const key of Object.keys(messages.nl)) {
    if (!(key in messages[lang])) throw new Error(`alert-messages.json: "${lang}" lacks "${key}"`);
  }
}

export type AlertMessageKey = keyof typeof messages.nl;
export type TextLang = keyof typeof ALERT_MESSAGES;

/** A message with its `{placeholders}` filled (unknown ones are left as they are). */
export function fill(template: string, vars?: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, v: string) => String(vars?.[v] ?? `{${v}}`));
}

const text = (lang: TextLang, key: AlertMessageKey, vars?: Record<string, string | number>) =>
  fill(ALERT_MESSAGES[lang][key], vars);

/** What an alert is about, in words: a theme, a target group, a narrative or a new term. */
export function alertSubject(a: Alert, lang: TextLang): string {
  if (a.kind === 'theme') return themeLabel(a.key)[lang];
  if (a.kind === 'target') return text(lang, `target_${a.key}` as AlertMessageKey);
  if (a.story?.title) return `“${a.story.title}”`;
  if (a.kind === 'term') return `“${a.key}”`;
  return `${text(lang, 'kind_narrative')} ${themeLabel(a.theme)[lang]}`;
}

/** The tenant's time zone of an alert (Belgian when it does not say). */
export const alertZone = (a: Pick<Alert, 'timeZone'>) => a.timeZone ?? 'Europe/Brussels';

/** A time of an alert, in its tenant's zone: "dinsdag 19:48". */
export function alertTime(a: Pick<Alert, 'timeZone'>, ms: number, lang: TextLang, withDay = true): string {
  return new Date(ms).toLocaleString(`${lang}-BE`, {
    ...(withDay ? { weekday: 'long', day: 'numeric', month: 'long' } : {}),
    hour: '2-digit',
    minute: '2-digit',
    timeZone: alertZone(a),
  });
}

/** The zone's name in the user's language ("Midden-Europese zomertijd"). */
export function zoneName(a: Pick<Alert, 'timeZone'>, at: number, lang: TextLang): string {
  const parts = new Intl.DateTimeFormat(`${lang}-BE`, { timeZone: alertZone(a), timeZoneName: 'long' }).formatToParts(
    at,
  );
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? alertZone(a);
}

/** What the baseline was, in words of the user's language. */
export function baselineText(a: Alert, lang: TextLang): string {
  const m = a.baseline.method;
  const key =
    m === 'rhythm' || m.startsWith('same hour')
      ? 'rc_baseline_rhythm'
      : m === 'recent'
        ? 'rc_baseline_recent'
        : 'rc_baseline_share';
  return text(lang, 'rc_baselineWas', { method: text(lang, key, { days: a.baseline.days, weeks: a.baseline.weeks }) });
}

/**
 * The receipt in plain words: "3× more than usual: 41 in 10 minutes up to Tuesday 19:48…",
 * what the baseline was, and in which time zone (the tenant's) every time is. Every
 * number in it has k distinct authors behind it.
 */
export function explainAlert(a: Alert, lang: TextLang): string[] {
  const nf = new Intl.NumberFormat(`${lang}-BE`, { maximumFractionDigits: 1 });
  const lines = [
    text(lang, 'alertExplain', {
      ratio: nf.format(a.ratio),
      when: alertTime(a, a.windowEnd, lang),
      minutes: Math.round((a.windowEnd - a.windowStart) / 60_000),
      observed: nf.format(a.observed),
      expected: nf.format(a.expected),
    }),
    `${baselineText(a, lang)} ${text(lang, 'rc_timeZone', { zone: zoneName(a, a.windowEnd, lang) })}`,
    text(lang, 'alertAuthors', { authors: nf.format(a.distinctAuthors), ppa: nf.format(a.postsPerAuthor) }),
  ];
  if (a.amplification) lines.push(text(lang, 'amplification'));
  if (a.story?.linkedTo) lines.push(text(lang, 'rc_linked'));
  if ((a.story?.reopened ?? 0) > 0) lines.push(text(lang, 'rc_reopened', { n: a.story?.reopened ?? 0 }));
  return lines;
}

/** A notification's title: "New alert · Polarisation (high)", "New alert · New term: “aalst” (medium)". */
export function alertHeadline(a: Alert, change: AlertChange, lang: TextLang): string {
  const severity = text(lang, `severity_${a.severity}` as AlertMessageKey);
  const subject = a.kind === 'term' ? `${text(lang, 'kind_term')}: ${alertSubject(a, lang)}` : alertSubject(a, lang);
  return `${text(lang, `notify_${change}` as AlertMessageKey)} · ${subject} (${severity})`;
}
