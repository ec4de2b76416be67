import { describe, expect, it } from 'vitest';
import { testBurst } from './bursts.test-helpers';
import { readableTerms } from './readable-terms';
import { type Affinity, Stories, type StoryOptions } from './stories';

/** Stories on a cold-start day: ties by telling words and shared posts, never by a common word. */
const O: StoryOptions = { closeAfterMin: 60, dormantHours: 72, joinAt: 0.3, linkAt: 0.1, maxMembers: 4, threshold: 6 };
const MIN = 60_000;

const burst = testBurst;
const none: Affinity = async () => 0;
const always: Affinity = async () => 1;

describe('what keeps a story together', () => {
  it('never lets a common word wake a story asleep, even one it is a member of', async () => {
    const s = new Stories(O);
    const [open] = await s.step([burst('term', 'zwemles', 0)], 0, none);
    await s.step([burst('term', 'mensen', MIN, { seeds: false })], MIN, always);
    expect(open?.story.members.has('term\u0000mensen')).toBe(true);
    expect((await s.step([], 62 * MIN, none)).map((e) => e.type)).toEqual(['close']);
    // Hours later "mensen" bursts in an unrelated incident: the old story stays asleep.
    const later = await s.step([burst('term', 'mensen', 600 * MIN, { seeds: false })], 600 * MIN, always);
    expect(later).toEqual([]);
    // Its own word wakes it.
    const again = await s.step([burst('term', 'zwemles', 601 * MIN)], 601 * MIN, none);
    expect(again.map((e) => e.type)).toEqual(['reopen']);
  });

  it('does not let a narrative that now speaks of something else wake its story', async () => {
    const s = new Stories(O);
    await s.step([burst('narrative', 'n1', 0)], 0, none);
    await s.step([], 61 * MIN, none);
    const drifted = await s.step([burst('narrative', 'n1', 600 * MIN, { drifted: true })], 600 * MIN, none);
    expect(drifted.map((e) => e.type)).toEqual(['open']);
  });

  it('keeps its themes and narratives when it has more members than it remembers (words make room)', async () => {
    const s = new Stories(O);
    const [open] = await s.step([burst('term', 'vechtpartij', 0)], 0, none);
    await s.step(
      [burst('theme', 'local', MIN, { reading: { ...burst('theme', 'local', MIN).reading, score: 6.1 } })],
      MIN,
      always,
    );
    for (let i = 0; i < 6; i++) await s.step([burst('term', `w${i}`, (2 + i) * MIN)], (2 + i) * MIN, always);
    expect(open?.story.members.size).toBe(4);
    expect(open?.story.members.has('theme\u0000local')).toBe(true);
    expect(open?.story.members.has('term\u0000vechtpartij')).toBe(true);
  });
});

describe('a story’s words as people read them', () => {
  it('writes a narrative’s phrases with spaces and leaves out phrases held in longer ones', async () => {
    const s = new Stories(O);
    const [open] = await s.step([burst('narrative', 'n1', 0)], 0, none);
    const moved = [
      { term: 'anders\u02d1ook\u02d1last', count: 9 },
      { term: 'iemand\u02d1anders\u02d1ook', count: 9 },
      { term: 'iemand\u02d1anders\u02d1ook\u02d1last', count: 8 },
      { term: 'last', count: 12 },
    ];
    const terms = readableTerms(open?.story as NonNullable<typeof open>['story'], () => moved).map((t) => t.term);
    expect(terms).toEqual(['last', 'iemand anders ook last']);
    expect(terms.join(' ')).not.toContain('\u02d1');
  });
});
