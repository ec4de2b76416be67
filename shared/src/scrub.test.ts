import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scrub } from './scrub';

const words = fc
  .array(fc.constantFrom('de', 'kermis', 'in', 'Gent', 'bel', 'mij', 'op', 'mail', 'naar', 'ok'), { maxLength: 6 })
  .map((w) => w.join(' '));
const digits = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));

const email = fc
  .tuple(
    fc.stringMatching(/^[a-z][a-z0-9.]{0,10}[a-z0-9]$/),
    fc.stringMatching(/^[a-z]{2,10}$/),
    fc.constantFrom('be', 'com', 'org', 'eu'),
  )
  .map(([u, d, t]) => `${u}@${d}.${t}`);
const bePhone = fc.oneof(
  digits(8).map((d) => `04${d.slice(0, 2)} ${d.slice(2, 4)} ${d.slice(4, 6)} ${d.slice(6, 8)}`),
  digits(8).map((d) => `+32 4${d.slice(0, 2)} ${d.slice(2, 4)} ${d.slice(4, 6)} ${d.slice(6, 8)}`),
  digits(7).map((d) => `09/${d.slice(0, 3)}.${d.slice(3, 5)}.${d.slice(5)}`),
  digits(9).map((d) => `0032${d}`),
  digits(10).map((d) => `+44 ${d}`),
);
const iban = digits(14).map((d) => `BE${d.slice(0, 2)} ${d.slice(2, 6)} ${d.slice(6, 10)} ${d.slice(10, 14)}`);
const nationalNumber = digits(11).map(
  (d) => `${d.slice(0, 2)}.${d.slice(2, 4)}.${d.slice(4, 6)}-${d.slice(6, 9)}.${d.slice(9)}`,
);
const handle = fc.stringMatching(/^[a-z][a-z0-9_]{2,14}$/).map((h) => `@${h}`);
const url = fc
  .tuple(
    fc.constantFrom('https://', 'http://', 'www.'),
    fc.stringMatching(/^[a-z]{3,10}$/),
    fc.stringMatching(/^[a-z0-9/?=]{0,12}$/),
  )
  .map(([s, d, p]) => `${s}${d}.be/${p}`);

const personal = { email, phone: bePhone, iban, national_number: nationalNumber, handle, url };

describe('scrub', () => {
  for (const [kind, gen] of Object.entries(personal)) {
    it(`leaves no ${kind} in the text (property)`, () => {
      fc.assert(
        fc.property(words, gen, words, (before, pii, after) => {
          const out = scrub(`${before} ${pii} ${after}`).text;
          const digitsOf = pii.replace(/\D/g, '');
          expect(out).not.toContain(pii);
          if (digitsOf.length >= 6) expect(out.replace(/\D/g, '')).not.toContain(digitsOf);
        }),
        { numRuns: 300 },
      );
    });
  }
  it('keeps ordinary words, numbers and times', () => {
    const t = 'Om 20 uur begint de kermis, 3 dagen lang, in 2026.';
    expect(scrub(t).text).toBe(t);
  });
  it('says what kinds it removed', () => {
    expect(scrub('mail jan@example.be of bel 0470 12 34 56').found.sort()).toEqual(['email', 'phone']);
  });
});
