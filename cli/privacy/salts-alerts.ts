import { MIN_K } from '@trendwacht/shared';

/**
 * Two more things that must not be at rest: a salt older than yesterday (with it, the
 * author hashes of its day can be recomputed from a list of candidate ids), and an alert
 * whose receipt carries a count of fewer than k distinct authors.
 */
export type PrivacyFinding = { kind: 'old-salt' | 'sub-k-alert'; postId: string; where: string };

/** A salt key as the worker used to write it (`…:salt:YYYY-MM-DD`), in a key name or a persistence file. */
const SALT_KEY = /:salt:(\d{4}-\d{2}-\d{2})/g;

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Salts of days before yesterday named in a blob. An AOF that still holds the SET of an
 * old salt holds the salt itself (a later DEL does not remove the earlier command).
 */
export function searchOldSalts(blob: string, where: string, now: number, out: PrivacyFinding[]): void {
  const yesterday = dayOf(now - 86_400_000);
  const seen = new Set<string>();
  for (const m of blob.matchAll(SALT_KEY)) {
    const day = m[1] as string;
    if (day < yesterday && !seen.has(day)) {
      seen.add(day);
      out.push({ kind: 'old-salt', postId: `salt ${day}`, where });
    }
  }
}

/**
 * An alert (the JSON the detector stores) that names a number of distinct authors under k:
 * the receipt itself then describes a group small enough to point at people. A receipt
 * may leave the number out or say "< k"; it may not say "2 authors".
 */
export function subKAlert(json: string, k: number): boolean {
  let a: { distinctAuthors?: unknown };
  try {
    a = JSON.parse(json) as { distinctAuthors?: unknown };
  } catch {
    return false;
  }
  const authors = a.distinctAuthors;
  return typeof authors === 'number' && authors > 0 && authors < Math.max(k, MIN_K);
}

export function searchAlerts(fields: Record<string, string>, where: string, k: number, out: PrivacyFinding[]): void {
  for (const [id, json] of Object.entries(fields)) {
    if (subKAlert(json, k)) out.push({ kind: 'sub-k-alert', postId: `alert ${id}`, where });
  }
}
