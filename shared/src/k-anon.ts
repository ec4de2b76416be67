/** Smallest k a tenant may configure: below it aggregates start to identify people. */
export const MIN_K = 3;
export const DEFAULT_K = 5;

/** A cell's value when `authors >= k`, else `null` (shown as "< k"). */
export function guard(value: number, authors: number, k: number): number | null {
  return authors >= Math.max(k, MIN_K) ? value : null;
}
