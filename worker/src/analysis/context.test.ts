import { describe, expect, it } from 'vitest';
import { CUES, type CueKind } from './cues';
import { GUARDS, calibrate, guard } from './hate';
import { stem } from './lexicon';
import { createPreparer } from './pipeline';
import { stanceOf } from './themes';
import { tokenise } from './tokenise';

/** Synthetic sentences written for these tests (no dataset text). */
const prepare = createPreparer();
const rules = (text: string, lang: string) => {
  const p = prepare(text, lang);
  if (!p.ok || p.lang === 'other') throw new Error(`not analysed: ${text}`);
  return p.ctx;
};
const fired = (text: string, lang: string) => [...rules(text, lang).rules];

describe('context rules', () => {
  it('target: names the group, once per word', () => {
    const ctx = rules('Ik ken veel moslims in de buurt.', 'nl');
    expect(ctx.rules.has('target')).toBe(true);
    expect(ctx.targets.map((t) => t.target)).toEqual(['muslims']);
  });
  it('negation: a negated hate term or hostile word', () => {
    expect(fired('Ik haat moslims niet.', 'nl')).toContain('negation');
    expect(fired('Je ne déteste pas les musulmans.', 'fr')).toContain('negation');
    expect(fired('No immigrant should ever be killed.', 'en')).toContain('negated_eval');
    expect(fired('I really hate immigrants.', 'en')).not.toContain('negation');
  });
  it('counter_speech: condemning hate, in each language', () => {
    expect(fired('Wie zegt dat vluchtelingen profiteurs zijn, discrimineert.', 'nl')).toContain('counter_speech');
    expect(fired('Traiter les migrants de parasites, c est du racisme.', 'fr')).toContain('counter_speech');
    expect(fired('Calling women stupid is just sexist, I will report it.', 'en')).toContain('counter_speech');
  });
  it('reported_speech and quote: words of someone else', () => {
    const r = fired('Hij zegt dat "die mensen" hier niet horen.', 'nl');
    expect(r).toContain('reported_speech');
    expect(r).toContain('quote');
  });
  it('support and positive_eval: warmth towards a group', () => {
    expect(fired('Ik hou van mijn joodse buren.', 'nl')).toContain('support');
    expect(fired('Gay people are wonderful.', 'en')).toContain('positive_eval');
  });
  it('self_identity: speaking as a member of the group', () => {
    expect(fired('Ik ben moslim en trots.', 'nl')).toContain('self_identity');
    expect(fired('I am a woman and an engineer.', 'en')).toContain('self_identity');
  });
  it('dehumanising and hostile: near a group only', () => {
    expect(fired('Die asielzoekers zijn ratten.', 'nl')).toContain('dehumanising');
    expect(fired('Ratten in de kelder van het stadhuis.', 'nl')).not.toContain('dehumanising');
    expect(fired('Get rid of the migrants now.', 'en')).toContain('hostile');
  });
  it('negative_eval: an insult or negative word that is not negated', () => {
    expect(fired('Women are stupid.', 'en')).toContain('negative_eval');
    expect(fired('Women are not stupid.', 'en')).not.toContain('negative_eval');
    expect(fired('Women are not stupid.', 'en')).toContain('negated_eval');
  });
  it('second_person, question and informing', () => {
    expect(fired('Jij bent een sukkel.', 'nl')).toContain('second_person');
    expect(fired('Should refugees be allowed to vote?', 'en')).toContain('question');
    expect(fired('Volgens de politie waren er gisteren 40 meldingen.', 'nl')).toContain('informing');
  });
  it('hate_cue and threat: taxonomy terms that are not negated', () => {
    expect(fired('Die migranten zijn profiteurs.', 'nl')).toContain('hate_cue');
    expect(fired('Ze verdienen de dood.', 'nl')).toContain('threat');
  });
  it('slur: a word that names a group and insults it counts as a mention of that group', () => {
    const ctx = rules('Wat een mietjes zijn dat.', 'nl');
    expect([...ctx.rules]).toEqual(expect.arrayContaining(['slur', 'target']));
    expect(ctx.targets.map((t) => t.target)).toEqual(['lgbtq']);
    expect(fired('Mijn buren zijn homo en heel vriendelijk.', 'nl')).not.toContain('slur');
  });
  it('identity: a group outside the target list (skin colour, nationality, religion)', () => {
    expect(fired('De christenen van de parochie houden een markt.', 'nl')).toContain('identity');
    expect(fired('Les Polonais du quartier fêtent ce soir.', 'fr')).toContain('identity');
    expect(fired('White people were at the meeting too.', 'en')).toContain('identity');
    expect(fired('De markt begint om tien uur.', 'nl')).not.toContain('identity');
  });
  it('victim: a group attacked is reported, unless a modal verb makes it a call', () => {
    const reported = fired('Gisteren werden moslims aangevallen; moslims worden aangevallen in hun wijk.', 'nl');
    expect(reported).toContain('victim');
    expect(reported).not.toContain('hostile');
    expect(fired('Muslims are being attacked in our town.', 'en')).toContain('victim');
    const call = fired('Migranten moeten worden aangevallen.', 'nl');
    expect(call).not.toContain('victim');
    expect(fired('Immigrants should be killed.', 'en')).not.toContain('victim');
    expect(fired('Immigrants should be killed.', 'en')).toContain('hostile');
  });
  it('devalued: a negated good word, unless a bad word is negated too', () => {
    expect(fired('Immigrants are never any good.', 'en')).toContain('devalued');
    expect(fired('Vluchtelingen zijn niets waard.', 'nl')).toContain('devalued');
    expect(fired('Immigrants are not worth any less than us.', 'en')).not.toContain('devalued');
    expect(fired('We must never condone the killing of refugees.', 'en')).not.toContain('devalued');
    // "less" judges only next to a word of worth; elsewhere it is a quantity.
    expect(fired('Vrouwen verdienen nog altijd minder dan mannen.', 'nl')).not.toContain('negative_eval');
    expect(fired('Migranten zijn minder waard.', 'nl')).toContain('negative_eval');
  });
  it('negation before a group reaches into its clause', () => {
    const r = fired('No woman ought to be treated with such violence.', 'en');
    expect(r).toContain('negated_eval');
    expect(r).not.toContain('negative_eval');
    expect(fired('I never said that gay people are disgusting.', 'en')).toContain('negated_eval');
    expect(fired('I said that gay people are disgusting.', 'en')).toContain('negative_eval');
  });
  it('negation stays in its clause: a comma or full stop ends its reach', () => {
    const cue = (text: string, lang: string) => rules(text, lang).cues[0];
    expect(cue('Het verhaal klopt niet, dat is uitschot.', 'nl')?.negated).toBe(false);
    expect(cue('Het verhaal klopt niet uitschot', 'nl')?.negated).toBe(true);
    expect(cue("It didn't happen. Scum.", 'en')?.negated).toBe(false);
    expect(fired('Ik haat moslims niet, helemaal niet.', 'nl')).toContain('negation');
    expect(fired('No, immigrants are disgusting.', 'en')).toContain('negative_eval');
    expect(fired('Nee, ik zeg niet dat migranten walgelijk zijn.', 'nl')).toContain('negated_eval');
  });
  it('stereotype: a group called criminals or sent back to the kitchen, not when negated or about perpetrators', () => {
    expect(fired('Alle moslims zijn terroristen.', 'nl')).toContain('stereotype');
    expect(fired('Les Roms sont tous des voleurs.', 'fr')).toContain('stereotype');
    expect(fired('Women belong in the kitchen.', 'en')).toContain('stereotype');
    // A multi-word group: the distance counts from its last word.
    expect(fired('Mensen met een beperking zouden niet geboren mogen worden.', 'nl')).toContain('stereotype');
    // A "niet" after the stereotype starts the next part; one before it negates.
    expect(fired('Vrouwen horen in de keuken en niet in de gemeenteraad.', 'nl')).toContain('stereotype');
    expect(fired('Migranten zijn geen criminelen.', 'nl')).not.toContain('stereotype');
    expect(fired('Niet alle moslims zijn terroristen.', 'nl')).not.toContain('stereotype');
    // Perpetrators named after a victim phrase, and no group at all.
    expect(fired('Vluchtelingen zijn slachtoffer van dieven.', 'nl')).not.toContain('stereotype');
    expect(fired('De politie pakte twee terroristen op in Molenbeek.', 'nl')).not.toContain('stereotype');
  });
  it('threat: a statement of intent with a hostile word after it', () => {
    expect(fired('Ik ga ze allemaal pijn doen.', 'nl')).toContain('threat');
    expect(fired("I'm going to make them suffer for it.", 'en')).toContain('threat');
    expect(fired('Je vais leur faire du mal.', 'fr')).toContain('threat');
    expect(fired('Ik ga morgen naar de markt.', 'nl')).not.toContain('threat');
    expect(fired("I won't ever hurt anyone.", 'en')).not.toContain('threat');
  });
  it('counter_speech: a negated condemnation is none', () => {
    expect(fired('Calling refugees parasites is racist.', 'en')).toContain('counter_speech');
    expect(fired('Calling refugees parasites is not racist.', 'en')).not.toContain('counter_speech');
  });
  it('a word written =word matches as written: "hateful" condemns, "hate" does not', () => {
    expect(fired('Such hateful words about women.', 'en')).toContain('counter_speech');
    expect(fired('I hate women.', 'en')).not.toContain('counter_speech');
    expect(fired('Tu es mon ami.', 'fr')).toContain('second_person');
    expect(fired('Les migrants ont été tués.', 'fr')).not.toContain('second_person');
  });
});

describe('cue lists', () => {
  /** Kinds that say opposite things: a phrase of one must never match as a phrase of the other. */
  const OPPOSED: [CueKind, CueKind][] = [
    ['counter', 'hostile'],
    ['counter', 'dehumanising'],
    ['support', 'hostile'],
    ['support', 'dehumanising'],
    ['victim', 'hostile'],
    ['second_person', 'hostile'],
  ];
  it('no two opposed phrases share their stems, unless both are marked =exact', () => {
    const clashes: string[] = [];
    for (const lang of ['nl', 'fr', 'en'] as const) {
      const key = (phrase: string) =>
        tokenise(phrase.replaceAll('=', ''))
          .map((t) => stem(lang, t))
          .join(' ');
      for (const [a, b] of OPPOSED) {
        const bs = new Map(CUES[b][lang].map((p) => [key(p), p]));
        for (const p of CUES[a][lang]) {
          const clash = bs.get(key(p));
          // A word matched by stem also matches the exact word of the other: only two exact words are apart.
          if (clash && !(p.includes('=') && clash.includes('=')))
            clashes.push(`${lang}: ${a} "${p}" = ${b} "${clash}"`);
        }
      }
    }
    expect(clashes).toEqual([]);
  });
});

describe('guards', () => {
  const ctx = (...r: string[]) => ({ rules: new Set(r) }) as Parameters<typeof guard>[1];
  it('damp the model where the post condemns, supports, negates or only mentions', () => {
    expect(guard(0.9, ctx('target', 'negative_eval'))).toBe(0.9);
    expect(guard(0.9, ctx('target', 'negative_eval', 'counter_speech'))).toBeCloseTo(0.9 * GUARDS.counter_speech);
    expect(guard(0.9, ctx('target', 'positive_eval'))).toBeCloseTo(0.9 * GUARDS.support);
    expect(guard(0.9, ctx('target', 'negated_eval'))).toBeCloseTo(0.9 * GUARDS.negation);
    expect(guard(0.9, ctx('target'))).toBeCloseTo(0.9 * GUARDS.neutral);
    expect(guard(0.9, ctx('identity'))).toBeCloseTo(0.9 * GUARDS.neutral);
    expect(guard(0.9, ctx('target', 'victim'))).toBeCloseTo(0.9 * GUARDS.victim);
    expect(guard(0.9, ctx('target', 'informing'))).toBeCloseTo(0.9 * GUARDS.neutral * GUARDS.informing);
    expect(guard(0.9, ctx('target', 'informing', 'negative_eval'))).toBe(0.9);
  });
  it('do not damp a post that attacks, whatever else it says', () => {
    expect(guard(0.9, ctx('target', 'positive_eval', 'dehumanising'))).toBe(0.9);
    expect(guard(0.9, ctx('target', 'negated_eval', 'hostile'))).toBe(0.9);
    expect(guard(0.9, ctx('target', 'victim', 'slur'))).toBe(0.9);
    expect(guard(0.9, ctx('target', 'positive_eval', 'devalued'))).toBe(0.9);
  });
  it('calibration maps the threshold to 0.5 and keeps order', () => {
    expect(calibrate(0.3, 0.3)).toBe(0.5);
    expect(calibrate(0.1, 0.3)).toBeLessThan(0.5);
    expect(calibrate(0.9, 0.3)).toBeGreaterThan(0.5);
    expect(calibrate(1, 0.3)).toBe(1);
  });
});

describe('stance', () => {
  const s = (text: string, lang: string, score: number) => stanceOf(rules(text, lang), score, 'hate');
  it('defending, attacking, informing, other', () => {
    expect(s('Wie zegt dat vluchtelingen profiteurs zijn, discrimineert.', 'nl', 0.2)).toBe('defending');
    expect(s('Ik hou van mijn joodse buren.', 'nl', 0.1)).toBe('defending');
    expect(s('Die migranten zijn profiteurs.', 'nl', 0.9)).toBe('attacking');
    expect(s('Volgens de politie werden gisteren migranten bedreigd.', 'nl', 0.3)).toBe('informing');
    expect(s('Migranten komen morgen naar de markt.', 'nl', 0.1)).toBe('other');
  });
});
