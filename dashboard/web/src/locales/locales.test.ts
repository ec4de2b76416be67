import { ALERT_MESSAGES } from '@trendwacht/shared';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { i18n, translate } from '../i18n';
import { UI_LANGS } from '../messages';
import en from './en.json';
import fr from './fr.json';
import nl from './nl.json';

const FILES: Record<string, Record<string, string>> = { nl, fr, en };

type Node = { type: number; value?: unknown; options?: Record<string, { value: Node[] }> };

/** The variables a message uses, nested plural/select branches included. */
function variables(message: string, lang: string): string[] {
  const names = new Set<string>();
  const walk = (nodes: Node[]) => {
    for (const n of nodes) {
      if (typeof n.value === 'string' && n.type !== 0) names.add(n.value);
      for (const o of Object.values(n.options ?? {})) walk(o.value);
    }
  };
  walk(new IntlMessageFormat(message, lang, undefined, { ignoreTag: true }).getAst() as Node[]);
  return [...names].sort();
}

describe('UI strings', () => {
  it('every key exists in nl, fr and en, with the same placeholders', () => {
    const keys = Object.keys(nl).sort();
    for (const lang of UI_LANGS) {
      expect(Object.keys(FILES[lang] ?? {}).sort(), lang).toEqual(keys);
      for (const key of keys) {
        expect(variables(FILES[lang]?.[key] ?? '', lang), `${lang}:${key}`).toEqual(
          variables(nl[key as keyof typeof nl], 'nl'),
        );
      }
    }
  });

  it('no locale file redefines an alert text of shared/', () => {
    for (const lang of UI_LANGS) {
      const own = Object.keys(FILES[lang] ?? {});
      expect(own.filter((k) => k in ALERT_MESSAGES[lang])).toEqual([]);
    }
  });

  it('reads ICU plurals and leaves numbers as they were written', () => {
    i18n.addResource('nl', 'translation', 'test_plural', '{n, plural, one {# bericht} other {# berichten}}');
    expect(i18n.t('test_plural', { n: 1, lng: 'nl' })).toBe('1 bericht');
    expect(i18n.t('test_plural', { n: 3, lng: 'nl' })).toBe('3 berichten');
    expect(translate('fr', 'exportDone', { name: 'x.csv', rows: 12345 })).toBe(
      fr.exportDone.replace('{name}', 'x.csv').replace('{rows}', '12345'),
    );
    expect(translate('en', 'belowK', {})).toBe(en.belowK);
  });
});
