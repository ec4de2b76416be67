import { BUCKET_MS, PERSPECTIVES, RESPONSE_CHANNELS, type ResponseBody } from '@trendwacht/shared';
import type { z } from 'zod';
import { breakdown } from '../breakdown';
import type { Scope } from '../http';
import { cleanStaffText } from '../incidents';
import { customSpan } from '../queries';
import { readNarrative } from './read';

/** Responses kept per narrative. */
const KEPT = 100;
/** Before and after a response: a day each (the after window ends now at the latest). */
const WINDOW = BUCKET_MS.day;

const CHANNELS = RESPONSE_CHANNELS;

type Logged = { at: number; channel: (typeof CHANNELS)[number]; note: string; loggedAt: number };

/** Logs a response (the note is scrubbed staff text; who logged it is in the audit log, not here). */
export async function logResponse(s: Scope, id: string, body: z.infer<typeof ResponseBody>): Promise<Logged> {
  const r: Logged = { at: body.at, channel: body.channel, note: cleanStaffText(body.note), loggedAt: s.now() };
  const key = s.keys.narrativeResponses(id);
  await s.redis
    .multi()
    .rpush(key, JSON.stringify(r))
    .ltrim(key, -KEPT, -1)
    .expire(key, 90 * 86_400)
    .exec();
  return r;
}

/** The narrative over a window: posts, distinct authors, languages and perspective shares (k-guarded). */
async function windowOf(s: Scope, id: string, from: number, to: number) {
  const n = await readNarrative(s, id, customSpan(from, to, s.now()));
  if (!n) return null;
  const total = n.summary.posts ?? 0;
  const parts = new Map(breakdown(n.whole, 'persp', PERSPECTIVES, s.k).map((p) => [p.id, p.posts]));
  return {
    from,
    to,
    posts: n.summary.posts,
    authors: n.summary.authors,
    langs: n.summary.langs,
    shares: Object.fromEntries(
      PERSPECTIVES.map((p) => {
        const v = n.whole.totals.get(`persp:${p}`) ? (parts.get(p) ?? null) : 0;
        return [p, v === null || total === 0 ? null : Math.round((v / total) * 1000) / 1000];
      }),
    ),
  };
}

/** Each logged response with the narrative a day before and a day after it ("did it work"). */
export async function readResponses(s: Scope, id: string) {
  const raw = await s.redis.lrange(s.keys.narrativeResponses(id), 0, -1);
  const now = s.now();
  return Promise.all(
    raw.map(async (x) => {
      const r = JSON.parse(x) as Logged;
      const end = Math.min(now, r.at + WINDOW);
      const [before, after] = await Promise.all([
        windowOf(s, id, r.at - WINDOW, r.at),
        end > r.at ? windowOf(s, id, r.at, end) : Promise.resolve(null),
      ]);
      return { ...r, before, after };
    }),
  );
}
