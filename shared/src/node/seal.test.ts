import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SealedBatch } from '../batch';
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

/** A batch as releases before v2 sealed it (plain JSON under AES-GCM): still queued at an upgrade. */
function sealV1(p: Post[], tenant: string): SealedBatch {
  const batchId = '5b0e7a62-8f55-4d0c-9a8e-3f1f4d1c2b01';
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(`trendwacht/v1/${tenant}/${batchId}`));
  const data = Buffer.concat([cipher.update(JSON.stringify(p), 'utf8'), cipher.final()]);
  const b64 = (b: Buffer) => b.toString('base64');
  return {
    v: 1,
    tenant,
    batchId,
    count: p.length,
    iv: b64(iv),
    tag: b64(cipher.getAuthTag()),
    data: b64(data),
    sealedAt: 0,
  };
}

describe('seal / unseal', () => {
  it('round-trips a batch', () => {
    expect(unseal(seal(posts, key, 'demo'), key)).toEqual(posts);
  });
  it('deflates before sealing: a batch of similar posts takes far fewer bytes than its JSON', () => {
    const many = Array.from({ length: 200 }, (_, i) => ({ ...posts[0], id: `x:${i}` }) as Post);
    const b = seal(many, key, 'demo');
    expect(b.v).toBe(2);
    expect(Buffer.from(b.data, 'base64').length).toBeLessThan(JSON.stringify(many).length / 4);
    expect(unseal(b, key)).toEqual(many);
  });
  it('round-trips an empty batch, non-ASCII text and a batch larger than the reused buffer', () => {
    expect(unseal(seal([], key, 'demo'), key)).toEqual([]);
    const odd = [{ ...posts[0], text: 'Één café — “ok” 👍 \u2028 "quote" \\ end' } as Post];
    expect(unseal(seal(odd, key, 'demo'), key)).toEqual(odd);
    const big = Array.from(
      { length: 60 },
      (_, i) => ({ ...posts[0], id: `x:${i}`, text: `${i} ${'é'.repeat(9000)}` }) as Post,
    );
    expect(unseal(seal(big, key, 'demo'), key)).toEqual(big);
    expect(unseal(seal(posts, key, 'demo'), key)).toEqual(posts);
  });
  it('reads a batch of the previous format (v1), and refuses a batch whose version was changed', () => {
    const old = sealV1(posts, 'demo');
    expect(unseal(old, key)).toEqual(posts);
    expect(() => unseal({ ...old, v: 2 }, key)).toThrow(SealError);
    expect(() => unseal({ ...seal(posts, key, 'demo'), v: 1 }, key)).toThrow(SealError);
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
