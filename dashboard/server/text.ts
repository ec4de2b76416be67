/**
 * Text staff type (incident titles and notes, display names, tenant names) as it may be
 * stored and shown: no NUL or other control characters (a NUL cuts strings in other
 * tools), no bidirectional overrides or isolates (they make a name read differently from
 * what it is: "Trojan Source"), no lone surrogates (not valid UTF-8 in exports). Issue 22.
 */
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function safeText(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD').replace(CONTROLS, '').replace(BIDI, '');
}
