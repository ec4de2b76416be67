import { themeLabel } from './themes';
import type { Alert, AlertChange } from './trends';

/**
 * Words about alerts, shared by the dashboard (merged into its messages) and the alert
 * notifications the worker sends, so an alert reads the same on screen and in Teams.
 */
const nl = {
  target_migrants: 'Migranten en vluchtelingen',
  target_muslims: 'Moslims',
  target_jews: 'Joden',
  target_black: 'Zwarte mensen en mensen van kleur',
  target_lgbtq: 'LGBTQ+-personen',
  target_women: 'Vrouwen',
  target_disabled: 'Personen met een handicap',
  target_roma: 'Roma',
  severity: 'Ernst',
  severity_low: 'laag',
  severity_medium: 'middel',
  severity_high: 'hoog',
  kind_theme: 'Thema',
  kind_target: 'Doelgroep',
  kind_narrative: 'Narratief',
  kind_term: 'Nieuwe term',
  alertExplain:
    '{ratio}× meer berichten dan normaal: {observed} in {minutes} minuten tot {when}, waar {expected} verwacht werd.',
  rc_baseline_rhythm: 'hetzelfde uur op {days} vorige dagen en in {weeks} vorige weken',
  rc_baseline_share: 'het aandeel in alle berichten van de voorbije uren',
  rc_baseline_recent: 'het niveau van de voorbije uren (het dagritme is nog niet gekend)',
  rc_baselineWas: 'Vergeleken met {method}.',
  rc_timeZone: 'Alle tijden in {zone}.',
  rc_story: 'Verhaal',
  rc_phrases: 'Woorden en zinsdelen',
  rc_chart: 'Verloop: berichten per {minutes} minuten',
  rc_observed: 'Gezien',
  rc_expected: 'Verwacht',
  rc_band: 'Normale marge',
  rc_hidden: 'verborgen (minder dan {k} auteurs)',
  rc_reopened: 'Dit verhaal laaide {n} keer opnieuw op.',
  rc_linked: 'Een nieuwe ontwikkeling van een eerder verhaal.',
  rc_also: 'Ook',
  triage: 'Opvolging',
  triage_acknowledge: 'Bevestigen',
  triage_snooze: 'Een uur sluimeren',
  triage_close: 'Sluiten',
  triage_false_alarm: 'Vals alarm',
  triage_reopen: 'Heropenen',
  triage_reason: 'Reden',
  triage_reasonNeeded: 'Geef een reden voor het valse alarm.',
  triage_done: '{state} door {by} om {time}',
  state_open: 'open',
  state_acknowledged: 'bevestigd',
  state_snoozed: 'gesluimerd',
  state_closed: 'gesloten',
  state_false_alarm: 'vals alarm',
  alertAuthors: '{authors} verschillende auteurs, gemiddeld {ppa} berichten per auteur.',
  amplification: 'Opgelet: weinig auteurs plaatsen veel berichten — mogelijk gecoördineerde versterking.',
  movedTerms: 'Termen die meestegen',
  notify_open: 'Nieuwe melding',
  notify_escalate: 'Melding verhoogd',
  notify_close: 'Melding afgesloten',
  notify_test: 'Testbericht',
  notifyTestText: 'Meldingen van {tenant} komen hier aan.',
  notifyDigest: '{n} meldingen tegelijk',
  openInTrendwacht: 'Bekijk in Trendwacht',
};

const fr: Record<AlertMessageKey, string> = {
  target_migrants: 'Migrants et réfugiés',
  target_muslims: 'Musulmans',
  target_jews: 'Juifs',
  target_black: 'Personnes noires et de couleur',
  target_lgbtq: 'Personnes LGBTQ+',
  target_women: 'Femmes',
  target_disabled: 'Personnes handicapées',
  target_roma: 'Roms',
  severity: 'Gravité',
  severity_low: 'faible',
  severity_medium: 'moyenne',
  severity_high: 'élevée',
  kind_theme: 'Thème',
  kind_target: 'Groupe visé',
  kind_narrative: 'Récit',
  kind_term: 'Nouveau terme',
  alertExplain:
    '{ratio}× plus de messages que d’habitude : {observed} en {minutes} minutes jusqu’à {when}, pour {expected} attendus.',
  rc_baseline_rhythm: 'la même heure des {days} jours précédents et des {weeks} semaines précédentes',
  rc_baseline_share: 'la part dans tous les messages des dernières heures',
  rc_baseline_recent: 'le niveau des dernières heures (le rythme quotidien n’est pas encore connu)',
  rc_baselineWas: 'Comparé à {method}.',
  rc_timeZone: 'Toutes les heures en {zone}.',
  rc_story: 'Sujet',
  rc_phrases: 'Mots et expressions',
  rc_chart: 'Évolution : messages par {minutes} minutes',
  rc_observed: 'Observé',
  rc_expected: 'Attendu',
  rc_band: 'Marge normale',
  rc_hidden: 'masqué (moins de {k} auteurs)',
  rc_reopened: 'Ce sujet a repris {n} fois.',
  rc_linked: 'Un nouveau développement d’un sujet antérieur.',
  rc_also: 'Aussi',
  triage: 'Suivi',
  triage_acknowledge: 'Confirmer',
  triage_snooze: 'Mettre en veille une heure',
  triage_close: 'Clôturer',
  triage_false_alarm: 'Fausse alerte',
  triage_reopen: 'Rouvrir',
  triage_reason: 'Raison',
  triage_reasonNeeded: 'Indiquez la raison de la fausse alerte.',
  triage_done: '{state} par {by} à {time}',
  state_open: 'ouverte',
  state_acknowledged: 'confirmée',
  state_snoozed: 'en veille',
  state_closed: 'clôturée',
  state_false_alarm: 'fausse alerte',
  alertAuthors: '{authors} auteurs distincts, en moyenne {ppa} messages par auteur.',
  amplification: 'Attention : peu d’auteurs publient beaucoup — possible amplification coordonnée.',
  movedTerms: 'Termes en hausse',
  notify_open: 'Nouvelle alerte',
  notify_escalate: 'Alerte aggravée',
  notify_close: 'Alerte clôturée',
  notify_test: 'Message de test',
  notifyTestText: 'Les alertes de {tenant} arrivent ici.',
  notifyDigest: '{n} alertes à la fois',
  openInTrendwacht: 'Voir dans Trendwacht',
};

const en: Record<AlertMessageKey, string> = {
  target_migrants: 'Migrants and refugees',
  target_muslims: 'Muslims',
  target_jews: 'Jews',
  target_black: 'Black people and people of colour',
  target_lgbtq: 'LGBTQ+ people',
  target_women: 'Women',
  target_disabled: 'Disabled people',
  target_roma: 'Roma',
  severity: 'Severity',
  severity_low: 'low',
  severity_medium: 'medium',
  severity_high: 'high',
  kind_theme: 'Theme',
  kind_target: 'Target group',
  kind_narrative: 'Narrative',
  kind_term: 'New term',
  alertExplain:
    '{ratio}× more posts than usual: {observed} in {minutes} minutes up to {when}, where {expected} were expected.',
  rc_baseline_rhythm: 'the same hour on {days} previous days and in {weeks} previous weeks',
  rc_baseline_share: 'its share of all posts in the last hours',
  rc_baseline_recent: 'the level of the last hours (the daily rhythm is not known yet)',
  rc_baselineWas: 'Compared with {method}.',
  rc_timeZone: 'All times in {zone}.',
  rc_story: 'Story',
  rc_phrases: 'Words and phrases',
  rc_chart: 'Course: posts per {minutes} minutes',
  rc_observed: 'Seen',
  rc_expected: 'Expected',
  rc_band: 'Normal range',
  rc_hidden: 'hidden (fewer than {k} authors)',
  rc_reopened: 'This story flared up again {n} times.',
  rc_linked: 'A new development of an earlier story.',
  rc_also: 'Also',
  triage: 'Follow-up',
  triage_acknowledge: 'Acknowledge',
  triage_snooze: 'Snooze for an hour',
  triage_close: 'Close',
  triage_false_alarm: 'False alarm',
  triage_reopen: 'Reopen',
  triage_reason: 'Reason',
  triage_reasonNeeded: 'Give a reason for the false alarm.',
  triage_done: '{state} by {by} at {time}',
  state_open: 'open',
  state_acknowledged: 'acknowledged',
  state_snoozed: 'snoozed',
  state_closed: 'closed',
  state_false_alarm: 'false alarm',
  alertAuthors: '{authors} distinct authors, {ppa} posts per author on average.',
  amplification: 'Note: few authors post a lot — possible coordinated amplification.',
  movedTerms: 'Terms that rose with it',
  notify_open: 'New alert',
  notify_escalate: 'Alert escalated',
  notify_close: 'Alert closed',
  notify_test: 'Test message',
  notifyTestText: 'Alerts of {tenant} arrive here.',
  notifyDigest: '{n} alerts at once',
  openInTrendwacht: 'Open in Trendwacht',
};

export const ALERT_MESSAGES = { nl, fr, en } as const;
export type AlertMessageKey = keyof typeof nl;
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
