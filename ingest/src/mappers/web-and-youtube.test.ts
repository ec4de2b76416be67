import { REJECT_REASONS } from '@trendwacht/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeMap } from '.';
import { normalisePostInput } from '../post-input';
import type { Mapped } from './mapped';
import { telegramWebPage } from './telegram-web';
import { youtubeCommentPage } from './youtube';

/** The Telegram web preview and YouTube mappers on hostile input: their own `map` never throws (not only through `safeMap`), every reject has a reason. */
const reasons = new Set<string>(REJECT_REASONS);
const valid = (ms: Mapped[]) =>
  Array.isArray(ms) &&
  ms.every((m) => (m.ok ? typeof m.post.text === 'string' && m.post.text.length > 0 : reasons.has(m.reason)));

const page = [1, 2, 3]
  .map(
    (n) =>
      `<div class="tgme_widget_message js-widget_message" data-post="kanaal_x/${n}"><div class="tgme_widget_message_text js-message_text">Oproep ${n} &amp; <b>vergadering</b><br/>in de <i>zaal</i> #buurt</div><a class="tgme_widget_message_date"><time datetime="2026-11-20T10:0${n}:00+00:00">10:0${n}</time></a></div>`,
  )
  .join('');

describe('Telegram web preview and YouTube mappers under fuzzing (fast-check)', () => {
  it('read a well-formed page, and never throw on truncated, mangled or random HTML', () => {
    const posts = safeMap(telegramWebPage, { channel: 'Kanaal_X', html: page });
    expect(posts.map((m) => m.ok && m.post.id)).toEqual(['kanaal_x/1', 'kanaal_x/2', 'kanaal_x/3']);
    expect(posts[0]?.ok && posts[0].post.text).toBe('Oproep 1 & vergadering\nin de zaal #buurt');
    expect(safeMap(telegramWebPage, { channel: 'kanaal_x', html: page, after: 2 })).toHaveLength(1);
    fc.assert(
      fc.property(fc.nat({ max: page.length }), fc.nat({ max: page.length }), (a, b) => {
        const cut = page.slice(0, Math.max(a, b)) + page.slice(Math.min(a, b) + 1); // truncated, a slice dropped
        return valid(telegramWebPage.map({ channel: 'kanaal_x', html: cut }));
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.string(), (html) => valid(telegramWebPage.map({ channel: 'k', html }))),
      { numRuns: 300 },
    );
  });

  it('never throw on random pages or comments; what they map is accepted or rejected at the edge', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.option(fc.integer()), (v, since) =>
        valid(youtubeCommentPage.map({ page: v, since })),
      ),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.jsonValue(), (snippet) => {
        const page = { items: [{ snippet: { topLevelComment: { id: 'c1', snippet } } }] };
        const out = youtubeCommentPage.map({ page });
        for (const m of out) if (m.ok) normalisePostInput(m.post, 'youtube', Date.now());
        return valid(out);
      }),
      { numRuns: 300 },
    );
  });
});
