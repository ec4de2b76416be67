import type { Analysis, ThemeHit } from '@trendwacht/shared';
import { describe, expect, it } from 'vitest';
import { narrativeTone } from './tone';

const analysis = (over: Partial<Analysis> = {}): Analysis => ({
  id: 'x',
  lang: 'nl',
  themes: [],
  hateful: false,
  hateScore: 0,
  toxicity: 0,
  sentiment: 0,
  ...over,
});
const hit = (stance: ThemeHit['stance']): ThemeHit => ({ id: 'polarisation', score: 0.7, stance });

describe('a post’s tone inside a narrative', () => {
  it('an us-versus-them post without evaluative adjectives (sentiment 0) that pushes an attack is negative', () => {
    expect(narrativeTone(analysis(), hit('attacking'), 'pushing')).toBe('neg');
  });

  it('hateful, toxic or negative sentiment is negative whatever the perspective', () => {
    expect(narrativeTone(analysis({ hateful: true }), hit('informing'), 'informing')).toBe('neg');
    expect(narrativeTone(analysis({ toxicity: 0.6 }), undefined, 'countering')).toBe('neg');
    expect(narrativeTone(analysis({ sentiment: -0.4 }), hit('other'), 'asking')).toBe('neg');
  });

  it('reports, questions and counter-speech follow their sentiment', () => {
    expect(narrativeTone(analysis(), hit('informing'), 'informing')).toBe('neu');
    expect(narrativeTone(analysis(), hit('attacking'), 'asking')).toBe('neu');
    expect(narrativeTone(analysis({ sentiment: 0.5 }), hit('defending'), 'countering')).toBe('pos');
  });
});
