/**
 * Removes personal data before anything else reads the text. Each match is replaced by a
 * placeholder token that the tokeniser drops. Order matters: URLs and e-mails first
 * (they contain handles and digits), then IBANs, national numbers and phone numbers.
 */
const AT = /@/;
const DOT = /\./;
const DIGIT = /\d/;

/** Each scrubber with a cheap test (`needs`) a text must pass before its pattern is run. */
export const SCRUBBERS = [
  { kind: 'url', needs: /https?:|www\./i, re: /\b(?:https?:\/\/|www\.)[^\s<>"']+/giu },
  { kind: 'email', needs: AT, re: /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu },
  {
    kind: 'handle',
    needs: AT,
    re: /(?<![\p{L}\p{N}_])@[\p{L}\p{N}_][\p{L}\p{N}_.-]*(?:@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+)?/gu,
  },
  {
    kind: 'domain',
    needs: DOT,
    re: /\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:be|com|org|net|eu|nl|fr|io|social|example)(?:\/[^\s]*)?\b/giu,
  },
  { kind: 'iban', needs: DIGIT, re: /\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b/giu },
  { kind: 'national_number', needs: DIGIT, re: /\b\d{2}[.\s]?\d{2}[.\s]?\d{2}[-.\s]?\d{3}[-.\s]?\d{2}\b/gu },
  {
    kind: 'phone',
    needs: DIGIT,
    re: /(?<![\p{L}\p{N}])(?:\+|00)\d{1,3}[\s./-]?(?:\(0\)[\s./-]?)?\d(?:[\s./-]?\d){5,12}(?![\p{N}])/gu,
  },
  { kind: 'phone', needs: DIGIT, re: /(?<![\p{L}\p{N}])0\d{1,3}(?:[\s./-]?\d){6,8}(?![\p{N}])/gu },
] as const;

export type ScrubKind = (typeof SCRUBBERS)[number]['kind'];

/** Placeholder for removed data: no letters, so it never becomes a term. */
export const PLACEHOLDER = ' \u2298 ';

export function scrub(text: string): { text: string; found: ScrubKind[] } {
  const found: ScrubKind[] = [];
  let out = text;
  for (const { kind, needs, re } of SCRUBBERS) {
    if (!needs.test(out)) continue;
    out = out.replace(re, () => {
      found.push(kind);
      return PLACEHOLDER;
    });
  }
  return { text: out, found };
}
