import { describe, expect, it } from 'vitest';
import { sampleAlert } from '../../../test/seed';
import { kSafeAlert, kSafeNotice } from './k-safe';
import { type Notice, noticeBody, noticeMail } from './message';

const K = 5;
const big = sampleAlert('al-big', {
  terms: [
    { term: 'kermis', count: 12 },
    { term: 'ruzie', count: 3 },
  ],
  lang: { nl: 30, fr: 4, en: null, other: null },
  sources: { mastodon: 36, reddit: 4 },
});
const small = sampleAlert('al-small', { observed: 7, distinctAuthors: 3, postsPerAuthor: 2.333 });

describe('no count under k in a notification', () => {
  it('drops an alert of fewer than k authors, and terms, languages and sources under k', () => {
    expect(kSafeAlert(small, K)).toBeNull();
    const safe = kSafeAlert(big, K);
    expect(safe?.terms).toEqual([{ term: 'kermis', count: 12 }]);
    expect(safe?.lang).toEqual({ nl: 30, fr: null, en: null, other: null });
    expect(safe?.sources).toEqual({ mastodon: 36, reddit: null });
  });

  it('a digest keeps only the alerts of k authors or more; one of only small ones is not sent', () => {
    const digest: Notice = {
      kind: 'digest',
      tenant: 'gent',
      items: [
        { change: 'open', alert: big },
        { change: 'open', alert: small },
      ],
      link: null,
    };
    const safe = kSafeNotice(digest, K);
    expect(safe?.kind === 'digest' && safe.items.map((i) => i.alert.id)).toEqual(['al-big']);
    expect(kSafeNotice({ ...digest, items: [{ change: 'open', alert: small }] }, K)).toBeNull();
    expect(kSafeNotice({ kind: 'alert', tenant: 'gent', change: 'open', alert: small, link: null }, K)).toBeNull();
  });

  it('the JSON, Slack, Teams and e-mail bodies of a k-safe notice carry no count between 1 and k-1', () => {
    const notice = kSafeNotice({ kind: 'alert', tenant: 'gent', change: 'open', alert: big, link: null }, K);
    if (!notice || notice.kind !== 'alert') throw new Error('expected a notice');
    // The receipt's counts: posts, authors, per term, per language and per source.
    const a = notice.alert;
    const counts = [a.observed, a.distinctAuthors, ...a.terms.map((t) => t.count)];
    const shares = [...Object.values(a.lang ?? {}), ...Object.values(a.sources ?? {})];
    for (const n of [...counts, ...shares]) if (n !== null) expect(n).toBeGreaterThanOrEqual(K);
    for (const body of [
      noticeBody(notice, 'json', 'nl'),
      noticeBody(notice, 'slack', 'fr'),
      noticeBody(notice, 'teams', 'en'),
      noticeMail(notice, 'nl'),
    ]) {
      // The sub-k shares of the original receipt (fr: 4, reddit: 4, ruzie: 3) are nowhere in the body.
      expect(JSON.stringify(body)).not.toContain('ruzie');
      expect(JSON.stringify(body)).not.toMatch(/"(fr|reddit)":4/);
    }
  });
});
