import { DEMO_GAZETTEER, DEMO_LOCAL_SOURCES, DEMO_OFFICIALS, KERMIS_INCIDENT, generateDay } from '@trendwacht/fixtures';
import { GazetteerSchema, gazetteerToCsv, parseGazetteerCsv } from '@trendwacht/shared';
import { describe, expect, it } from 'vitest';
import { runRelevance } from '../worker/src/evaluation/relevance';
import { RelevanceIndex } from '../worker/src/relevance/match';

const geel = {
  tenant: 'geel',
  gazetteer: GazetteerSchema.parse({
    municipality: ['Geel'],
    deelgemeente: ['Ten Aard', 'Punt'],
    street: ['Kerkstraat', 'Pas'],
    square: ['Grote Markt'],
    postcode: ['2440'],
    hashtag: ['#geel', 'geelsekermis'],
  }),
  officials: ['ilse testpersoon'],
};
const aalst = {
  tenant: 'aalst',
  gazetteer: GazetteerSchema.parse({ municipality: ['Aalst', 'Alost'], square: ['Grote Markt'], postcode: ['9300'] }),
  localSources: ['rss-stadskrant'],
};
const open = { tenant: 'open', gazetteer: GazetteerSchema.parse({}) };
const index = new RelevanceIndex([geel, aalst, open]);
const who = (text: string, source = 'web') =>
  index
    .tenantsFor({ text, source })
    .filter((t) => t !== 'open')
    .sort();

describe('local relevance: which municipalities a post concerns', () => {
  it('a town named as a place counts; the same word as an ordinary word does not', () => {
    expect(who('Morgen naar Geel voor de jaarmarkt.')).toEqual(['geel']);
    expect(who('Het stadhuis van Geel zoekt vrijwilligers.')).toEqual(['geel']);
    expect(who('Mijn nieuwe fiets is geel met zwarte strepen.')).toEqual([]);
    expect(who('In geel en blauw naar de match!')).toEqual([]);
    expect(who('Geel is mijn lievelingskleur.')).toEqual([]);
    // A capital at the start of a sentence is no evidence; a locative and a capital together are.
    expect(who('Geel licht aan de overweg.')).toEqual([]);
    expect(who('Wonen in Geel? Top.')).toEqual(['geel']);
  });

  it('a surname is not a place', () => {
    expect(who('Tom Van Geel scoort twee keer.')).toEqual([]);
    expect(who('Jan De Aalst zegt van niet.')).toEqual([]);
    expect(who('Zo druk op de Grote Markt van Aalst vandaag.')).toEqual(['aalst']);
  });

  it('postcodes, hashtags, officials, multi-word names and their hashtag forms', () => {
    expect(who('Kerkstraat 2440 is afgesloten.')).toEqual(['geel']);
    expect(who('Fietsdiefstal in de Kerkstraat, alweer.')).toEqual([]);
    expect(who('wie gaat er mee #geel')).toEqual(['geel']);
    expect(who('#GeelseKermis begint morgen')).toEqual(['geel']);
    expect(who('Kermis in Ten Aard morgen')).toEqual(['geel']);
    expect(who('#TenAard kermis morgen')).toEqual(['geel']);
    expect(who('tenaard kermis morgen')).toEqual([]);
    expect(who('Ilse Testpersoon opent de nieuwe bib.')).toEqual(['geel']);
    expect(who('Le bourgmestre d’Alost veut plus de caméras.')).toEqual(['aalst']);
    // Accents and case do not matter for an unambiguous name.
    expect(who('kermis in aalst begint')).toEqual(['aalst']);
  });

  it('a name two tenants list weighs less; URLs, e-mail addresses and handles are not mentions', () => {
    expect(who('Concert op de Grote Markt vanavond.')).toEqual([]);
    expect(who('Concert op de Grote Markt in 9300 vanavond.')).toEqual(['aalst']);
    expect(who('Lees https://geel.example/nieuws of mail info@geel.example of @geel_fan')).toEqual([]);
  });

  it('a local source counts without a name; a tenant without a gazetteer takes everything', () => {
    expect(who('Het containerpark is zaterdag gesloten.', 'rss-stadskrant')).toEqual(['aalst']);
    expect(who('Het containerpark is zaterdag gesloten.')).toEqual([]);
    expect(index.tenantsFor({ text: 'Wat een weer.', source: 'x' })).toEqual(['open']);
    expect(new RelevanceIndex([open]).filtering).toBe(false);
    expect(
      index.verdicts({ text: 'Morgen naar Geel', source: 'web' }).find((v) => v.tenant === 'geel')?.reasons,
    ).toEqual(['place:municipality:context']);
  });

  it('our relevance suite: precision and recall over local, national and ambiguous posts', () => {
    const r = runRelevance();
    expect(r.cases).toBeGreaterThanOrEqual(100);
    expect(r.overall.precision).toBeGreaterThanOrEqual(0.95);
    expect(r.overall.recall).toBeGreaterThanOrEqual(0.9);
    expect(r.kinds.ambiguous?.falsePositiveRate).toBeLessThanOrEqual(0.05);
    expect(r.kinds.national?.falsePositiveRate).toBe(0);
  });
});

describe('the gazetteer CSV', () => {
  it('reads kinds and names, reports a bad line by its number and keeps the rest', () => {
    const csv = [
      '# comment',
      'name;kind',
      'Geel;municipality',
      '"Ten Aard";deelgemeente',
      '2440;postcode',
      '12345;postcode',
      'Geel;village',
      '#Geel;hashtag',
      'Ilse Testpersoon;official',
      '',
    ].join('\n');
    const r = parseGazetteerCsv(csv);
    expect(r.gazetteer.municipality).toEqual(['Geel']);
    expect(r.gazetteer.deelgemeente).toEqual(['Ten Aard']);
    expect(r.gazetteer.postcode).toEqual(['2440']);
    expect(r.gazetteer.hashtag).toEqual(['geel']);
    expect(r.officials).toEqual(['Ilse Testpersoon']);
    expect(r.rows).toBe(7);
    expect(r.errors.map((e) => e.line)).toEqual([6, 7]);
    expect(r.errors[1]?.message).toMatch(/unknown kind "village"/);
    expect(parseGazetteerCsv('Geel,municipality\n').errors[0]?.message).toMatch(/header/);
  });

  it('writes what it reads', () => {
    const back = parseGazetteerCsv(gazetteerToCsv(DEMO_GAZETTEER, DEMO_OFFICIALS));
    expect(back.errors).toEqual([]);
    expect(back.gazetteer).toEqual(DEMO_GAZETTEER);
    expect(back.officials).toEqual(DEMO_OFFICIALS);
  });
});

describe('the demo town (fixtures)', () => {
  const start = Date.parse('2026-11-22T00:00:00Z');
  const day = generateDay({ seed: 42, start });
  const demo = new RelevanceIndex([
    { tenant: 'demo', gazetteer: DEMO_GAZETTEER, officials: DEMO_OFFICIALS, localSources: DEMO_LOCAL_SOURCES },
  ]);
  const local = (p: (typeof day)[number]) => demo.tenantsFor({ text: p.text, source: String(p.source) }).length > 0;

  it('keeps enough of the sample day, and the incident, for the dashboard', () => {
    expect(DEMO_GAZETTEER.municipality).toContain('Aalst');
    const kept = day.filter(local).length;
    expect(kept / day.length).toBeGreaterThan(0.35);
    expect(kept / day.length).toBeLessThan(0.7);
    const onset = start + KERMIS_INCIDENT.at * 3_600_000;
    const incident = day.filter((p) => /kermis|foire|fair/i.test(p.text) && Date.parse(String(p.createdAt)) >= onset);
    expect(incident.filter(local).length / incident.length).toBeGreaterThan(0.75);
  });

  it('drops regional posts that name only another town', () => {
    const regional = day.filter((p) => !DEMO_LOCAL_SOURCES.includes(String(p.source)));
    const elsewhere = regional.filter(
      (p) => /\b(Gent|Leuven|Hasselt|Brugge)\b/.test(p.text) && !/Aalst|Alost/.test(p.text),
    );
    expect(elsewhere.length).toBeGreaterThan(50);
    expect(elsewhere.filter(local)).toEqual([]);
  });
});
