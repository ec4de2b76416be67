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

/**
 * A phrase title's counterpart in another language of the story, with that language (the
 * title is in the tenant's first language, Dutch, when the story was told in it), or null.
 */
export function titleAlt(n: NarrativeSummary): { phrase: string; lang: string | undefined } | null {
  if (n.titleFrom !== 'phrase' || !n.titleAlt) return null;
  return { phrase: `“${n.titleAlt}”`, lang: n.langs.find((l) => l !== 'nl') };
}

/**
 * The window every count of a page is over, in words ("laatste 24 uur", or from – to);
 * `exact` adds its first and last moment ("laatste 24 uur, maandag 1 december 20:00 –
 * dinsdag 2 december 19:48"). Times in the tenant's zone (`at`: useTime).
 */
export function windowText(
  span: SpanChoice,
  w: { from: number; to: number },
  t: T,
  at: (ms: number) => string,
  exact = false,
): string {
  const key = RANGE_KEY[span.range];
  // A window ending now ends now, not at the end of its last (current) bucket.
  const between = `${at(w.from)} – ${at(Math.min(w.to, Date.now()))}`;
  if (!key) return between;
  return exact ? `${t(key).toLowerCase()}, ${between}` : t(key).toLowerCase();
}

/**
 * " · niet meegeteld: 1 tijdvak …": a count over a window leaves out its hidden buckets
 * (fewer than k authors, or hidden with them so none follows by subtraction); a theme and
 * its narrative may hide different ones, so the page says so. '' when none is hidden.
 */
export function hiddenText(points: readonly { posts: number | null }[], k: number, t: T): string {
  const n = points.filter((p) => p.posts === null).length;
  return n > 0 ? ` · ${t('nar_hiddenSlots', { n, k })}` : '';
}
