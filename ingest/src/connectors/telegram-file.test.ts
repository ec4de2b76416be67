import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Post } from '@trendwacht/shared';
import { describe, expect, it } from 'vitest';
import { SeenSet } from '../dedupe';
import { runIngest } from '../run';
import { telegramFileSource } from './telegram-file';

const dir = mkdtempSync(join(tmpdir(), 'tw-tg-'));
/** A malformed export as Telegram Desktop writes them: \xHH escapes, a service message, a broken message. */
const broken = `{"name":"Buurtgroep","type":"public_channel","id":42,"messages":[
 {"id":1,"type":"service","date":"2026-11-01T10:00:00","date_unixtime":"1793527200","action":"create_channel"},
 {"id":2,"type":"message","date_unixtime":"1793527300","from_id":"user7","text":"Caf\\xe9 op het plein open"},
 {"id":3,"type":"message","date_unixtime":"1793527400","from_id":"user8","text":[{"type":"bold","text":"Let op:"}," wegenwerken"]},
 {"id":4,"type":"message","from_id":"user9"},
 "not a message"
]}`;

describe('Telegram export import', () => {
  it('repairs \\xHH escapes, reads text entities, counts service and broken messages, and re-imports nothing twice', async () => {
    const file = join(dir, 'result.json');
    writeFileSync(file, broken);
    const got: Post[] = [];
    const seen = new SeenSet();
    const run = () =>
      runIngest(telegramFileSource(file), { send: async (p) => void got.push(...p), batchSize: 10, batchMs: 10, seen });
    const first = await run();
    expect(got.map((p) => [p.id, p.text, p.createdAt])).toEqual([
      ['telegram:42:2', 'Café op het plein open', 1793527300000],
      ['telegram:42:3', 'Let op: wegenwerken', 1793527400000],
    ]);
    expect(first.rejected).toEqual({ not_a_post: 1, unmappable: 2 });
    const again = await run();
    expect(again.duplicates).toBe(2);
    expect(got).toHaveLength(2);
    writeFileSync(file, '{"messages": [ truncated');
    expect((await run()).rejected).toEqual({ unmappable: 1 });
  });
});
