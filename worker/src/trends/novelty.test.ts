import { describe, expect, it } from 'vitest';
import { testBurst } from './bursts.test-helpers';
import { DEFAULT_NOVELTY, Novelty } from './novelty';
import { type Affinity, type Burst, Stories, type StoryOptions } from './stories';

const O: StoryOptions = { closeAfterMin: 60, dormantHours: 72, joinAt: 0.3, linkAt: 0.1, maxMembers: 24, threshold: 6 };
const MIN = 60_000;

const burst = (key: string, minute: number, seeds?: boolean): Burst =>
  testBurst('term', key, minute, seeds === undefined ? {} : { seeds });

describe('novelty against ordinary language', () => {
  const english = new Novelty(
    () => ({ en: 100 }),
    () => DEFAULT_NOVELTY,
  );
  const dutch = new Novelty(
    () => ({ nl: 80, en: 5 }),
    () => DEFAULT_NOVELTY,
  );
  it('lets a rare word open a story and keeps a common word from it, at the same counts', () => {
    expect(english.seeds('tornado', 8, 40)).toBe(true);
    expect(english.seeds('morning', 8, 40)).toBe(false);
    expect(english.seeds('the', 30, 40)).toBe(false);
    expect(dutch.seeds('kermis', 8, 40)).toBe(true);
    expect(dutch.seeds('mensen', 8, 40)).toBe(false);
  });
  it('lets a narrative open a story only with a word that says something (k authors: its moved words)', () => {
    expect(dutch.describable([])).toBe(false);
    expect(dutch.describable(['niet', 'zijn'])).toBe(false);
    expect(dutch.describable(['niet', 'vechtpartij'])).toBe(true);
  });
  it('needs more than a few uses in a large stream: a share, not a count', () => {
    expect(english.seeds('tornado', 8, 40)).toBe(true);
    expect(english.seeds('tornado', 8, 400_000)).toBe(false);
  });
  it('tells a story apart only by words common neither in ordinary language nor in the stream', () => {
    // "mensen" is common Dutch; a town's name is rare in a corpus but everyday in its own stream.
    expect(dutch.telling('mensen', null)).toBe(false);
    expect(dutch.telling('vechtpartij', null)).toBe(true);
    expect(dutch.telling('aalst', 0.03)).toBe(false);
    expect(dutch.telling('aalst', 0.001)).toBe(true);
    expect(dutch.telling('van', null)).toBe(false);
  });
  it('expects a common word more often than a rare one (the baseline prior)', () => {
    expect(english.prior('morning')).toBeGreaterThan(50 * english.prior('tornado'));
    // Dutch weighs more in a Dutch stream: 'van' is common there.
    expect(dutch.prior('van')).toBeGreaterThan(english.prior('van'));
    expect(dutch.filler('van')).toBe(true);
  });
});

describe('stories and common words', () => {
  const none: Affinity = async () => 0;
  it('a common word bursting alone opens nothing; next to a story it joins it', async () => {
    const s = new Stories(O);
    expect(await s.step([burst('morning', 0, false)], 0, none)).toEqual([]);
    const opened = await s.step([burst('tornado', MIN)], MIN, none);
    expect(opened.map((e) => e.type)).toEqual(['open']);
    const tied: Affinity = async (b) => (b.reading.key === 'morning' ? 0.8 : 0);
    const joined = await s.step([burst('morning', 2 * MIN, false)], 2 * MIN, tied);
    expect(joined).toHaveLength(1);
    expect(joined[0]?.type).toBe('extend');
    expect(joined[0]?.story.members.size).toBe(2);
  });
  it('wakes a quiet story by words used in the same posts now, instead of opening another', async () => {
    const s = new Stories(O);
    const [first] = await s.step([burst('tornado', 0)], 0, none);
    // An hour without bursts: the story goes quiet.
    const quiet = await s.step([], 61 * MIN, none);
    expect(quiet.map((e) => e.type)).toEqual(['close']);
    // Next day, a new word used in the same posts as the story's words.
    const tied: Affinity = async (b, story) => (b.reading.key === 'rubble' && story.id === first?.story.id ? 0.6 : 0);
    const later = await s.step([burst('rubble', 20 * 60 * MIN)], 20 * 60 * MIN, tied);
    expect(later.map((e) => e.type)).toEqual(['reopen']);
    expect(later[0]?.story.id).toBe(first?.story.id);
    // An unrelated word opens its own story.
    const other = await s.step([burst('strike', 21 * 60 * MIN)], 21 * 60 * MIN, none);
    // (the woken story, calm for an hour since, goes quiet again in the same minute)
    expect(other.map((e) => e.type)).toEqual(['open', 'close']);
    expect(other[0]?.story.id).not.toBe(first?.story.id);
    expect(other[1]?.story.id).toBe(first?.story.id);
  });
});
