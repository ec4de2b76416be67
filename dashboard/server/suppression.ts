import { MIN_K } from '@trendwacht/shared';

/** One part of a total (a language, a source, a minute of an hour…) with its own distinct authors. */
export type Part = { id: string; raw: number; authors: number };
export type Whole = { raw: number; authors: number };

/**
 * Which parts of a total may be shown (issue 22: "suppressed cells come back by
 * subtraction"). A part is shown only from k distinct authors of its own and at least k
 * posts. When the total is shown too, what is hidden is `total - shown parts`; that
 * difference must not single out one hidden part (one hidden part and no rest — the rest
 * being what no part names, like posts without a target group) nor describe fewer than
 * k authors, counted from below as the total's authors minus the shown parts' authors
 * (authors in several parts make this smaller, never larger: the check errs on the safe side).
 * Until that holds, the smallest shown part is hidden as well (complementary suppression).
 */
export function shownParts(whole: Whole, parts: readonly Part[], k: number): Set<string> {
  const kk = Math.max(k, MIN_K);
  if (whole.authors < kk) return new Set();
  const nonEmpty = parts.filter((p) => p.raw > 0);
  const shown = nonEmpty.filter((p) => p.raw >= kk && p.authors >= kk).sort((a, b) => b.raw - a.raw);
  const rest = whole.raw - nonEmpty.reduce((n, p) => n + p.raw, 0);
  while (shown.length > 0) {
    const hiddenPosts = whole.raw - shown.reduce((n, p) => n + p.raw, 0);
    if (hiddenPosts <= 0) break; // nothing hidden: nothing to derive
    const hiddenParts = nonEmpty.length - shown.length;
    const hiddenAuthorsAtLeast = whole.authors - shown.reduce((n, p) => n + p.authors, 0);
    const isolatesOne = hiddenParts === 1 && rest <= 0;
    if (!isolatesOne && hiddenAuthorsAtLeast >= kk) break;
    shown.pop(); // the smallest shown part joins the hidden ones
  }
  return new Set(shown.map((p) => p.id));
}
