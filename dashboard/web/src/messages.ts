// UI strings live in ./locales/{nl,fr,en}.json (ICU messages, loaded by i18next in i18n.tsx): add a key to all three files.
import { ALERT_MESSAGES } from '@trendwacht/shared';
import en from './locales/en.json';
import fr from './locales/fr.json';
import nl from './locales/nl.json';

/** UI strings: Dutch first, then French and English; alert texts come from shared/. */
const catalogue = {
  nl: { ...ALERT_MESSAGES.nl, ...nl },
  fr: { ...ALERT_MESSAGES.fr, ...fr },
  en: { ...ALERT_MESSAGES.en, ...en },
};
export type MessageKey = keyof typeof catalogue.nl;
export type UiLang = keyof typeof catalogue;
export const MESSAGES: Record<UiLang, Record<MessageKey, string>> = catalogue;
export const UI_LANGS: readonly UiLang[] = ['nl', 'fr', 'en'];
