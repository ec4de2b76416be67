import { readFileSync } from 'node:fs';
import { DEFAULT_PARTNERS, type ExpertPartner } from '@trendwacht/shared';
import { describe, expect, it } from 'vitest';
import { chooseAngles, partnerViews } from './guidance';
import { guidanceLibrary, parseLibrary } from './guidance-schema';

const shares = (pushing: number, countering = 0, informing = 0, asking = 0) => ({
  pushing,
  countering,
  informing,
  asking,
});

describe('response angles chosen per narrative (theme × dominant perspective × trope)', () => {
  it('de-escalation first for an us-versus-them polarisation story that is mostly pushed, with why', () => {
    const angles = chooseAngles({
      theme: 'polarisation',
      shares: shares(0.62, 0.1, 0.28),
      tropes: ['us_vs_them'],
      growth: null,
    });
    expect(angles[0]?.id).toBe('polarisation-us-them-pushing');
    expect(angles[0]?.kind).toBe('de-escalation');
    expect(angles[0]?.why.map((w) => w.nl)).toEqual([
      'thema Polarisatie',
      'vooral: verspreidt de claim (62 %)',
      'frame: wij tegen zij',
    ]);
    expect(angles.map((a) => a.kind)).toContain('middle-ground');
    expect(angles.map((a) => a.kind)).toContain('one-source');
    expect(angles.length).toBeLessThanOrEqual(4);
    expect(new Set(angles.map((a) => a.kind)).size).toBe(angles.length);
    expect(angles[0]?.sources[0]?.url).toMatch(/^https:\/\//);
  });

  it('prebunking for a disinformation frame, do-not-amplify for hate, amplifying counter-voices once residents push back', () => {
    const disinfo = chooseAngles({ theme: 'disinfo', shares: shares(0.7), tropes: ['media_silence'], growth: null });
    expect(disinfo[0]?.kind).toBe('prebunking');
    const hate = chooseAngles({ theme: 'hate', shares: shares(0.8), tropes: [], growth: null });
    expect(hate[0]?.kind).toBe('do-not-amplify');
    const countered = chooseAngles({ theme: 'hate', shares: shares(0.6, 0.3), tropes: [], growth: 3 });
    expect(countered.map((a) => a.kind)).toEqual(expect.arrayContaining(['amplify-counter', 'respond-fast']));
    const questions = chooseAngles({ theme: 'local', shares: shares(0.1, 0, 0.2, 0.7), tropes: [], growth: null });
    expect(questions[0]?.kind).toBe('q-and-a');
  });

  it('the library names a source for every kind and every trope it keys on; a bad file names the problem', () => {
    const lib = guidanceLibrary();
    for (const a of lib.angles) expect(lib.kinds[a.kind]?.sources.length).toBeGreaterThan(0);
    const text = readFileSync(new URL('./guidance/angles.json', import.meta.url), 'utf8');
    const bad = JSON.parse(text);
    bad.angles[0].kind = 'shouting';
    expect(() => parseLibrary(JSON.stringify(bad))).toThrow(/unknown kind shouting/);
  });
});

describe('expert partners on the narrative page', () => {
  it('shows the tenant’s partners of the theme with their public contact, the pool’s page for a default without one', () => {
    const own: ExpertPartner = {
      id: 'buurtwerk',
      name: 'Buurtwerk Aalst',
      expertise: { nl: 'Wijkgerichte bemiddeling.' },
      themes: ['polarisation'],
      contact: { email: 'info@example.org' },
    };
    const views = partnerViews([...DEFAULT_PARTNERS, own], 'polarisation');
    const pool = views.find((p) => p.id === 'ceapire');
    expect(pool?.viaPool).toBe(true);
    expect(pool?.contact.url).toMatch(/^https:\/\/www\.vlaanderen\.be\//);
    const mine = views.find((p) => p.id === 'buurtwerk');
    expect(mine).toMatchObject({ viaPool: false, contact: { email: 'info@example.org' } });
    expect(mine?.expertise.fr).toBe('Wijkgerichte bemiddeling.');
  });
});
