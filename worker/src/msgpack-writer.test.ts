import { afterAll, describe, expect, it } from 'vitest';
import { testRedis } from '../../test/helpers';
import { MsgpackWriter } from './msgpack-writer';

const redis = testRedis();
afterAll(async () => {
  await redis.quit();
});

/** What Redis' Lua reads from the bytes: each top-level value, as JSON (numbers as Lua prints them). */
const readInRedis = async (bytes: Buffer) =>
  JSON.parse(
    String(
      await redis.eval(
        `local out = {cmsgpack.unpack(ARGV[1])}
         local function show(v)
           if type(v) == 'table' then
             local parts = {}
             for i = 1, #v do parts[i] = show(v[i]) end
             return '[' .. table.concat(parts, ',') .. ']'
           elseif type(v) == 'number' then return string.format('%.17g', v)
           else return cjson.encode(v) end
         end
         return show(out)`,
        0,
        bytes,
      ),
    ),
  );

describe('the apply payload writer', () => {
  it('writes arrays of strings and integers that Redis reads back as written', async () => {
    const long = 'é'.repeat(200);
    const w = new MsgpackWriter();
    w.begin()
      .str('')
      .str('kermis')
      .str('€uro')
      .str('x'.repeat(31))
      .str('y'.repeat(32))
      .str(long)
      .str('z'.repeat(70_000))
      .end();
    w.begin().int(0).int(127).int(128).int(65_535).int(4_294_967_295).int(4_294_967_296).int(1_796_228_640_000);
    w.int(-1).int(-2_147_483_648).int(-2_147_483_649).int(1.5).end();
    w.begin().begin().int(1).end().begin().end().end();
    w.str('{"type":"batch"}');
    expect(await readInRedis(w.bytes())).toEqual([
      ['', 'kermis', '€uro', 'x'.repeat(31), 'y'.repeat(32), long, 'z'.repeat(70_000)],
      [0, 127, 128, 65_535, 4_294_967_295, 4_294_967_296, 1_796_228_640_000, -1, -2_147_483_648, -2_147_483_649, 1.5],
      [[1], []],
      '{"type":"batch"}',
    ]);
  });

  it('refuses bytes while an array is open', () => {
    expect(() => new MsgpackWriter().begin().bytes()).toThrow('msgpack_array_open');
  });
});
