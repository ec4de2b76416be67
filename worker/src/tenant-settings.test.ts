import { describe, expect, it } from 'vitest';
import { createAnalyzer } from './analysis/pipeline';
import { ThemeMatcher } from './analysis/themes';
import { withWatchTerms } from './tenant-settings';

const post = (text: string) => ({ id: 'p1', text, lang: 'nl' });
const themesOf = (analyze: ReturnType<typeof createAnalyzer>, text: string) => {
  const r = analyze(post(text));
  return r.ok ? r.analysis.themes.map((t) => t.id) : [];
};

describe('watch terms of a tenant', () => {
  it('count a post in the local theme only once the term is watched', () => {
    const text = 'Morgen weer drukte verwacht aan de sinksenfoor, neem de fiets';
    expect(themesOf(createAnalyzer({ scorer: null }), text)).not.toContain('local');
    const watched = createAnalyzer({ scorer: null, matcher: new ThemeMatcher(withWatchTerms(['sinksenfoor'])) });
    expect(themesOf(watched, text)).toContain('local');
    // Other themes are untouched.
    expect(withWatchTerms(['sinksenfoor']).filter((t) => t.id !== 'local')).toEqual(
      withWatchTerms([]).filter((t) => t.id !== 'local'),
    );
  });
});
