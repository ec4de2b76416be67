import { BUCKET_MS, type RANGES, SpanQuery } from '@trendwacht/shared';
import { HttpError, parseWith } from '../http';
import { type Span, customSpan, rangeSpan } from '../queries';

const MAX_SPAN = 731 * BUCKET_MS.day;
const EARLIEST = Date.UTC(2000, 0, 1);

const ms = (w: number | string) => (typeof w === 'number' ? w : Date.parse(w));

/** `range=hour|day|week|month`, or `range=custom&from=…&to=…` (ISO 8601 or epoch ms). */
export function parseSpan(query: unknown, now: number): Span {
  const q = parseWith(SpanQuery.passthrough(), query);
  if (q.range !== 'custom') return rangeSpan(q.range as (typeof RANGES)[number], now);
  if (q.from === undefined || q.to === undefined) {
    throw new HttpError(400, 'bad_request', 'from, to: a custom range needs both');
  }
  const from = ms(q.from);
  const to = ms(q.to);
  if (!(to > from)) throw new HttpError(400, 'bad_request', 'to: must be after from');
  if (to - from > MAX_SPAN) throw new HttpError(400, 'bad_request', 'to: a range spans at most two years');
  // Nothing is kept from before 2000 or after tomorrow; far-off dates (beyond what a Date
  // can print) used to end in a 500 naming the error.
  if (!(from >= EARLIEST)) throw new HttpError(400, 'bad_request', 'from: must be after 2000-01-01');
  if (!(to <= now + BUCKET_MS.day)) throw new HttpError(400, 'bad_request', 'to: must not be in the future');
  return customSpan(from, to, now);
}
