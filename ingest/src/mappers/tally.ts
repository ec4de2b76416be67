import type { Mapped } from './mapped';

/** Mapped items counted as `post` or by rejection reason (counts only: no content). */
export function tallyMapped(ms: readonly Mapped[]): Record<string, number> {
  const t: Record<string, number> = {};
  for (const m of ms) {
    const k = m.ok ? 'post' : m.reason;
    t[k] = (t[k] ?? 0) + 1;
  }
  return t;
}
