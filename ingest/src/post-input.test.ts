import { describe, expect, it } from 'vitest';
import { normalisePostInput } from './post-input';

const now = Date.parse('2026-11-23T12:00:00Z');
const ok = { id: 7, text: 'Markt in Geel', createdAt: '2026-11-23T10:00:00Z', authorKey: 99 };

describe('normalisePostInput', () => {
  it('namespaces the id by source and converts times to epoch ms', () => {
    const r = normalisePostInput(JSON.stringify(ok), 'file', now);
    expect(r).toMatchObject({
      ok: true,
      post: { id: 'file:7', source: 'file', authorKey: '99', createdAt: Date.parse(ok.createdAt) },
    });
    const s = normalisePostInput({ ...ok, source: 'mastodon', createdAt: 1_795_000_000 }, 'file', now);
    expect(s).toMatchObject({ ok: true, post: { id: 'mastodon:7', createdAt: 1_795_000_000_000 } });
  });
  it.each([
    ['{"id":', 'invalid_json', /not valid JSON/],
    [JSON.stringify({ ...ok, text: 42 }), 'invalid_shape', /^text: /],
    [JSON.stringify({ text: 'x', createdAt: ok.createdAt }), 'invalid_shape', /^id: /],
    [JSON.stringify({ ...ok, text: '   ' }), 'text_empty', /text/],
    [JSON.stringify({ ...ok, text: 'a'.repeat(10_001) }), 'text_too_long', /10000/],
    [JSON.stringify({ ...ok, createdAt: 'yesterday' }), 'bad_date', /createdAt/],
    [JSON.stringify({ ...ok, createdAt: '2099-01-01T00:00:00Z' }), 'bad_date', /future/],
    [JSON.stringify({ ...ok, source: 'Bad Source!' }), 'invalid_shape', /^source: /],
    [`{"id":1,"text":"bad \uFFFD bytes","createdAt":"${ok.createdAt}"}`, 'bad_encoding', /UTF-8/],
  ])('rejects %s as %s with a reason naming the problem', (line, reason, detail) => {
    const r = normalisePostInput(line, 'file', now);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toBe(reason);
      expect(r.detail).toMatch(detail);
    }
  });
  it('never quotes the item in a reject', () => {
    const secret = 'Geheime tekst van een burger';
    const r = normalisePostInput(`{"id": 1, "text": "${secret}", "createdAt": "nope"}`, 'file', now);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.detail).not.toContain('Geheime');
    const bad = normalisePostInput(`{"text": "${secret}" oops`, 'file', now);
    if (!bad.ok) expect(bad.detail).not.toContain('Geheime');
  });
});
