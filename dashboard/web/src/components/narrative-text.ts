import { type NarrativeSummary, themeLabel } from '@trendwacht/shared';
import type { MessageKey } from '../messages';
import type { SpanChoice } from './RangePicker';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** What a narrative is called on screen: its analyst's name or phrase title, else its key terms, never an id. */
export function narrativeTitle(n: NarrativeSummary, t: T, lang: 'nl' | 'fr' | 'en'): string {
  if (n.titleFrom === 'phrase') return `“${n.title}”`;
  if (n.titleFrom !== 'theme') return n.title;
  const time = new Date(n.firstSeen).toLocaleString(`${lang}-BE`, { dateStyle: 'short', timeStyle: 'short' });
  return t('nar_building', { theme: themeLabel(n.theme)[lang], time });
}

const RANGE_KEY: Record<string, MessageKey> = {
  hour: 'rangeHour',
  day: 'rangeDay',
  week: 'rangeWeek',
  month: 'rangeMonth',
};

/** The window every count of a page is over, in words ("Laatste 24 uur", or from – to). */
export function windowText(span: SpanChoice, w: { from: number; to: number }, t: T, lang: string): string {
  const key = RANGE_KEY[span.range];
  if (key) return t(key).toLowerCase();
  const f = (ms: number) => new Date(ms).toLocaleString(`${lang}-BE`, { dateStyle: 'short', timeStyle: 'short' });
  return `${f(w.from)} – ${f(w.to)}`;
}
