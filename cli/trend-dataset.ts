import { readFileSync } from 'node:fs';

/**
 * A labelled set of real posts in CSV (CrisisLex: `tweet id, tweet, label`), turned into
 * replay input. Read from ../shared/data in place, never copied: the text lives only in
 * memory, on its way into the analysis.
 */

/** Twitter's snowflake epoch: a tweet id's upper bits are ms since then. */
const SNOWFLAKE_EPOCH = 1288834974657n;

export type DatasetPost = { id: string; text: string; createdAt: number; authorKey: string; onTopic: boolean | null };

/** Epoch ms of a tweet id (`'336908711324962817'`, quotes allowed). */
export function tweetTime(id: string): number {
  return Number((BigInt(id.replace(/\D/g, '')) >> 22n) + SNOWFLAKE_EPOCH);
}

/** RFC 4180 rows: quoted fields may hold commas, doubled quotes and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

/**
 * The posts of a CrisisLex-style CSV, oldest first. The sets carry no authors: each tweet
 * counts as its own author (its id), which makes author overlap equal post overlap.
 * `shiftMs` moves every date (to replay a set as if it were this week).
 */
export function readDataset(path: string, shiftMs = 0): DatasetPost[] {
  const rows = parseCsv(readFileSync(path, 'utf8'));
  const head = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  const idCol = head.findIndex((h) => h.includes('id'));
  const textCol = head.findIndex((h) => h === 'tweet' || h === 'text');
  const labelCol = head.findIndex((h) => h === 'label');
  if (idCol < 0 || textCol < 0) throw new Error('dataset: needs an id and a tweet/text column');
  const posts: DatasetPost[] = [];
  for (const r of rows.slice(1)) {
    const id = (r[idCol] ?? '').replace(/\D/g, '');
    const text = r[textCol] ?? '';
    if (id === '' || text.trim() === '') continue;
    const label = labelCol >= 0 ? (r[labelCol] ?? '').trim() : '';
    posts.push({
      id,
      text,
      createdAt: tweetTime(id) + shiftMs,
      authorKey: `a${id}`,
      onTopic: label === '' ? null : label === 'on-topic',
    });
  }
  return posts.sort((a, b) => a.createdAt - b.createdAt);
}

export type DatasetScore = {
  dataset: string;
  posts: number;
  /** Minutes from the onset to the first alert opened at or after it (null: none). */
  firstAfterOnsetMin: number | null;
  opened: number;
  beforeOnset: number;
  /** Alert changes that extended or escalated an open story instead of opening one. */
  escalated: number;
};

/** Scores a replay of a real set: how soon after the onset, how many alerts in all. */
export function scoreDataset(
  dataset: string,
  posts: number,
  events: readonly { detectedAt: number; updatedAt: number; status: string }[],
  onset: number | null,
): DatasetScore {
  const opened = events.filter((a) => a.status !== 'closed' && a.detectedAt === a.updatedAt);
  const after = onset === null ? [] : opened.filter((a) => a.detectedAt >= onset).map((a) => a.detectedAt);
  const first = after.length > 0 ? Math.min(...after) : null;
  return {
    dataset,
    posts,
    firstAfterOnsetMin: first === null || onset === null ? null : Math.round((first - onset) / 60_000),
    opened: opened.length,
    beforeOnset: onset === null ? 0 : opened.filter((a) => a.detectedAt < onset).length,
    escalated: events.filter((a) => a.status !== 'closed' && a.detectedAt !== a.updatedAt).length,
  };
}
