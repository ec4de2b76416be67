import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, TenantSettingsSchema } from './settings';
import { DEFAULT_PARTNERS, ExpertPartnerSchema, partnerExpertise, partnersFor } from './settings-partners';

describe('expert partners', () => {
  it('default to the guidance pool, each with the themes its guidance names', () => {
    expect(DEFAULT_SETTINGS.partners).toEqual(DEFAULT_PARTNERS);
    expect(DEFAULT_PARTNERS.map((p) => p.id)).toContain('ceapire');
    expect(partnersFor(DEFAULT_PARTNERS, 'islamist').map((p) => p.id)).toContain('netwerk-islamexperten');
    expect(partnersFor(DEFAULT_PARTNERS, 'local')).toEqual([]);
  });

  it('keep an organisation’s public contact and refuse what is not one', () => {
    const p = ExpertPartnerSchema.parse({
      id: 'vzw-test',
      name: 'Test vzw',
      expertise: { nl: 'Begeleiding' },
      themes: ['hate'],
      contact: { url: 'https://example.org/contact', email: 'info@example.org', phone: '+32 2 123 45 67' },
    });
    expect(partnerExpertise(p, 'fr')).toBe('Begeleiding');
    const bad = { ...p, contact: { url: 'http://example.org' } };
    expect(ExpertPartnerSchema.safeParse(bad).success).toBe(false);
    expect(ExpertPartnerSchema.safeParse({ ...p, themes: ['nope'] }).success).toBe(false);
  });

  it('an empty list stays empty and two partners may not share an id', () => {
    expect(TenantSettingsSchema.parse({ partners: [] }).partners).toEqual([]);
    const dup = [DEFAULT_PARTNERS[0], DEFAULT_PARTNERS[0]];
    expect(TenantSettingsSchema.safeParse({ partners: dup }).success).toBe(false);
  });
});
