import { describe, expect, it } from 'vitest';
import { GUARDS, calibrate, guard } from './hate';
import { createPreparer } from './pipeline';
import { stanceOf } from './themes';

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
});

describe('guards', () => {
  const ctx = (...r: string[]) => ({ rules: new Set(r) }) as Parameters<typeof guard>[1];
  it('damp the model where the post condemns, supports, negates or only mentions', () => {
    expect(guard(0.9, ctx('target', 'negative_eval'))).toBe(0.9);
    expect(guard(0.9, ctx('target', 'negative_eval', 'counter_speech'))).toBeCloseTo(0.9 * GUARDS.counter_speech);
    expect(guard(0.9, ctx('target', 'positive_eval'))).toBeCloseTo(0.9 * GUARDS.support);
    expect(guard(0.9, ctx('target', 'negated_eval'))).toBeCloseTo(0.9 * GUARDS.negation);
    expect(guard(0.9, ctx('target'))).toBeCloseTo(0.9 * GUARDS.neutral);
  });
  it('do not damp a post that attacks, whatever else it says', () => {
    expect(guard(0.9, ctx('target', 'positive_eval', 'dehumanising'))).toBe(0.9);
    expect(guard(0.9, ctx('target', 'negated_eval', 'hostile'))).toBe(0.9);
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
