import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Post } from '../post';
import { SealError, seal, unseal } from './seal';

const key = randomBytes(32);
const posts: Post[] = [
  {
    id: 'x:1',
    source: 'x',
    text: 'De kermis in Lier was geweldig dit jaar',
    createdAt: 1_700_000_000_000,
    authorKey: 'user-123',
    tags: [],
  },
];

describe('seal / unseal', () => {
  it('round-trips a batch', () => {
    expect(unseal(seal(posts, key, 'demo'), key)).toEqual(posts);
  });
  it('holds no readable text, author or id', () => {
    const json = JSON.stringify(seal(posts, key, 'demo'));
    for (const needle of ['kermis', 'user-123', 'x:1']) expect(json).not.toContain(needle);
  });
  it('rejects a wrong key, tampered data and a batch moved to another tenant', () => {
    const b = seal(posts, key, 'demo');
    expect(() => unseal(b, randomBytes(32))).toThrow(SealError);
    const data = Buffer.from(b.data, 'base64');
    data[0] = (data[0] ?? 0) ^ 1;
    expect(() => unseal({ ...b, data: data.toString('base64') }, key)).toThrow(SealError);
    expect(() => unseal({ ...b, tenant: 'other' }, key)).toThrow(SealError);
  });
});
