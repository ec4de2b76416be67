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
    '{ratio}× meer berichten dan normaal voor {when}: {observed} in 10 minuten, waar {expected} verwacht werd.',
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
    '{ratio}× plus de messages que d’habitude pour {when} : {observed} en 10 minutes, pour {expected} attendus.',
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
  alertExplain: '{ratio}× more posts than usual for {when}: {observed} in 10 minutes where {expected} were expected.',
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
  if (a.kind === 'term') return `“${a.key}”`;
  return `${text(lang, 'kind_narrative')} ${themeLabel(a.theme)[lang]}`;
}

/**
 * The receipt in plain words: "3× more than usual for Tuesday 19:00, 41 distinct
 * authors…". Times are Belgian (Europe/Brussels), wherever the text is made.
 */
export function explainAlert(a: Alert, lang: TextLang): string[] {
  const nf = new Intl.NumberFormat(`${lang}-BE`, { maximumFractionDigits: 1 });
  const when = new Date(a.windowStart).toLocaleString(`${lang}-BE`, {
    weekday: 'long',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Brussels',
  });
  const lines = [
    text(lang, 'alertExplain', {
      ratio: nf.format(a.ratio),
      when,
      observed: nf.format(a.observed),
      expected: nf.format(a.expected),
    }),
    text(lang, 'alertAuthors', { authors: nf.format(a.distinctAuthors), ppa: nf.format(a.postsPerAuthor) }),
  ];
  if (a.amplification) lines.push(text(lang, 'amplification'));
  return lines;
}

/** A notification's title: "New alert · Polarisation (high)", "New alert · New term: “aalst” (medium)". */
export function alertHeadline(a: Alert, change: AlertChange, lang: TextLang): string {
  const severity = text(lang, `severity_${a.severity}` as AlertMessageKey);
  const subject = a.kind === 'term' ? `${text(lang, 'kind_term')}: ${alertSubject(a, lang)}` : alertSubject(a, lang);
  return `${text(lang, `notify_${change}` as AlertMessageKey)} · ${subject} (${severity})`;
}
