import { type Alert, themeLabel } from '@trendwacht/shared';
import type { MessageKey } from './messages';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** What an alert is about, in words: a theme, a target group, a narrative or a new term. */
export function alertSubject(a: Alert, t: T, lang: 'nl' | 'fr' | 'en'): string {
  if (a.kind === 'theme') return themeLabel(a.key)[lang];
  if (a.kind === 'target') return t(`target_${a.key}` as MessageKey);
  if (a.kind === 'term') return `“${a.key}”`;
  return `${t('kind_narrative')} ${themeLabel(a.theme)[lang]}`;
}

/** The receipt in plain words: "3× more than usual for Tuesday 19:00, 41 distinct authors…". */
export function explainAlert(a: Alert, t: T, lang: 'nl' | 'fr' | 'en'): string[] {
  const nf = new Intl.NumberFormat(`${lang}-BE`, { maximumFractionDigits: 1 });
  const when = new Date(a.windowStart).toLocaleString(`${lang}-BE`, {
    weekday: 'long',
    hour: '2-digit',
    minute: '2-digit',
  });
  const lines = [
    t('alertExplain', {
      ratio: nf.format(a.ratio),
      when,
      observed: nf.format(a.observed),
      expected: nf.format(a.expected),
    }),
    t('alertAuthors', { authors: nf.format(a.distinctAuthors), ppa: nf.format(a.postsPerAuthor) }),
  ];
  if (a.amplification) lines.push(t('amplification'));
  return lines;
}
