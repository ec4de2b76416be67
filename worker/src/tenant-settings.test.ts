import { DEFAULT_SETTINGS, TenantSettingsSchema } from '@trendwacht/shared';
import { describe, expect, it } from 'vitest';
import { createAnalyzer } from './analysis/pipeline';
import { ThemeMatcher } from './analysis/themes';
import { tenantTermsKey, withTenantTerms } from './tenant-settings';

const post = (text: string) => ({ id: 'p1', text, lang: 'nl' });
const themesOf = (analyze: ReturnType<typeof createAnalyzer>, text: string) => {
  const r = analyze(post(text));
  return r.ok ? r.analysis.themes.map((t) => t.id) : [];
};
const analyzerFor = (over: Partial<typeof DEFAULT_SETTINGS>) =>
  createAnalyzer({ scorer: null, matcher: new ThemeMatcher(withTenantTerms({ ...DEFAULT_SETTINGS, ...over })) });

describe('terms of a tenant', () => {
  it('watch terms count a post in the local theme only once the term is watched', () => {
    const text = 'Morgen weer drukte verwacht aan de sinksenfoor, neem de fiets';
    expect(themesOf(createAnalyzer({ scorer: null }), text)).not.toContain('local');
    expect(themesOf(analyzerFor({ watchTerms: ['sinksenfoor'] }), text)).toContain('local');
    // Other themes are untouched.
    const withWatch = withTenantTerms({ ...DEFAULT_SETTINGS, watchTerms: ['sinksenfoor'] });
    expect(withWatch.filter((t) => t.id !== 'local')).toEqual(
      withTenantTerms(DEFAULT_SETTINGS).filter((t) => t.id !== 'local'),
    );
  });
  it('own terms of a theme count a post in that theme, in any language, with the term as reason', () => {
    const rumour = 'Het zwembadverbod voor meisjes komt er, dat hoorde ik van een buurvrouw';
    const analyze = analyzerFor({ themeTerms: { disinfo: ['zwembadverbod'] } });
    expect(themesOf(createAnalyzer({ scorer: null }), rumour)).not.toContain('disinfo');
    const r = analyze(post(rumour));
    const hit = r.ok ? r.analysis.themes.find((t) => t.id === 'disinfo') : undefined;
    expect(hit?.because).toContain('term:zwembadverbod');
    expect(themesOf(analyze, 'L’interdiction, ce zwembadverbod, est une rumeur de plus ?')).toContain('disinfo');
    // Only that theme changed.
    const themes = withTenantTerms({ ...DEFAULT_SETTINGS, themeTerms: { disinfo: ['zwembadverbod'] } });
    expect(themes.filter((t) => t.id !== 'disinfo')).toEqual(
      withTenantTerms(DEFAULT_SETTINGS).filter((t) => t.id !== 'disinfo'),
    );
  });
  it('the settings name a bad theme or term, and the local theme keeps its watch terms', () => {
    const bad = TenantSettingsSchema.safeParse({ themeTerms: { nope: ['x y'] } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path.join('.')).toBe('themeTerms.nope');
    const local = TenantSettingsSchema.safeParse({ themeTerms: { local: ['kermis'] } });
    expect(local.error?.issues[0]?.message).toMatch(/watchTerms/);
    const term = TenantSettingsSchema.safeParse({ themeTerms: { disinfo: ['<script>'] } });
    expect(term.error?.issues[0]?.path.join('.')).toBe('themeTerms.disinfo.0');
  });
  it('the analyzer is rebuilt only when the terms change', () => {
    const a = tenantTermsKey({ watchTerms: ['kermis'], themeTerms: { disinfo: ['x'], far_right: ['y'] } });
    expect(tenantTermsKey({ watchTerms: ['kermis'], themeTerms: { far_right: ['y'], disinfo: ['x'] } })).toBe(a);
    expect(tenantTermsKey({ watchTerms: ['kermis'], themeTerms: { disinfo: ['x'] } })).not.toBe(a);
  });
});
