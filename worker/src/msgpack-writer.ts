/**
 * A MessagePack writer for the apply script's payload (apply.ts): flat arrays of strings and
 * integers, read in Redis by `cmsgpack.unpack` (issue 20: cjson.decode of a nested payload
 * and its number parsing were a good part of the script's time; MessagePack carries integers
 * as binary and strings as they are, and the Buffer goes to Redis without a UTF-8 copy).
 *
 * An array's length is written when it closes (its header is reserved as a 32-bit one), so
 * a section is written in one pass whatever its size.
 */
export class MsgpackWriter {
  private buf = Buffer.allocUnsafe(1 << 16);
  private at = 0;
  /** Open arrays: where each header sits and how many items it holds so far. */
  private readonly open: { header: number; items: number }[] = [];

  private room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.at + n));
    this.buf.copy(next, 0, 0, this.at);
    this.buf = next;
  }

  private item(): void {
    const top = this.open[this.open.length - 1];
    if (top) top.items++;
  }

  /** Opens an array: the items written until `end()` are its items. */
  begin(): this {
    this.item();
    this.room(5);
    this.open.push({ header: this.at, items: 0 });
    this.buf[this.at] = 0xdd;
    this.at += 5;
    return this;
  }

  end(): this {
    const top = this.open.pop();
    if (!top) throw new Error('msgpack_no_open_array');
    this.buf.writeUInt32BE(top.items, top.header + 1);
    return this;
  }

  str(s: string): this {
    this.item();
    const n = Buffer.byteLength(s);
    this.room(n + 5);
    const b = this.buf;
    if (n < 32) b[this.at++] = 0xa0 | n;
    else if (n < 256) {
      b[this.at++] = 0xd9;
      b[this.at++] = n;
    } else if (n < 65_536) {
      b[this.at] = 0xda;
      b.writeUInt16BE(n, this.at + 1);
      this.at += 3;
    } else {
      b[this.at] = 0xdb;
      b.writeUInt32BE(n, this.at + 1);
      this.at += 5;
    }
    this.at += b.write(s, this.at, n === s.length ? 'latin1' : 'utf8');
    return this;
  }

  /** A number: an integer up to 32 bits as one, anything else as a double. */
  int(v: number): this {
    this.item();
    this.room(9);
    const b = this.buf;
    if (v >= 0 && v < 128 && Number.isInteger(v)) b[this.at++] = v;
    else if (v >= 0 && v < 0x1_0000_0000 && Number.isInteger(v)) {
      b[this.at] = 0xce;
      b.writeUInt32BE(v, this.at + 1);
      this.at += 5;
    } else if (v < 0 && v >= -0x8000_0000 && Number.isInteger(v)) {
      b[this.at] = 0xd2;
      b.writeInt32BE(v, this.at + 1);
      this.at += 5;
    } else {
      // Larger integers (ms timestamps) and fractions: a double, which Lua's numbers are anyway.
      b[this.at] = 0xcb;
      b.writeDoubleBE(v, this.at + 1);
      this.at += 9;
    }
    return this;
  }

  /** The bytes written. */
  bytes(): Buffer {
    if (this.open.length > 0) throw new Error('msgpack_array_open');
    return this.buf.subarray(0, this.at);
  }
}
