import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { SealedBatch } from '../batch';
import type { Post } from '../post';

/** Thrown when a batch cannot be opened; its message never contains batch content. */
export class SealError extends Error {
  override name = 'SealError';
}

/**
 * The format version, tenant and batch id are bound to the ciphertext as associated data.
 * v1: the JSON of the posts; v2 (written since issue 20): the same JSON deflated (raw,
 * level 1) before encryption — about a fifth of the bytes of a batch of posts to store in
 * Redis, write to its AOF and hand to a worker, for less CPU than the bytes it saves.
 * Both are read, so batches still queued at an upgrade are opened.
 */
const aad = (v: SealedBatch['v'], tenant: string, batchId: string) =>
  Buffer.from(`trendwacht/v${v}/${tenant}/${batchId}`);

/**
 * The UTF-8 of a batch's JSON (`JSON.stringify(posts)`), written post by post into one
 * reused buffer: the JSON of a whole batch is a string V8 must first flatten (hundreds of
 * KB), and `Buffer.from` allocated a fresh buffer each batch — together twice the cost of
 * the stringifying. Only used within one synchronous `seal`, so never shared; a rare huge
 * batch gets a buffer of its own.
 */
const SCRATCH_MAX = 8 << 20;
let scratch = Buffer.alloc(64 << 10);
function postsJson(posts: readonly Post[]): Buffer {
  let buf = scratch;
  let at = 0;
  const room = (n: number) => {
    if (at + n <= buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(at + n, 2 * buf.length));
    buf.copy(grown, 0, 0, at);
    buf = grown;
  };
  for (let i = 0; i < posts.length; i++) {
    const json = JSON.stringify(posts[i]);
    room(3 * json.length + 2);
    buf[at++] = i === 0 ? 0x5b : 0x2c; // [ ,
    at += buf.write(json, at);
  }
  room(2);
  if (posts.length === 0) buf[at++] = 0x5b;
  buf[at++] = 0x5d; // ]
  if (buf.length <= SCRATCH_MAX) scratch = buf;
  return buf.subarray(0, at);
}

export function seal(posts: Post[], key: Buffer, tenant: string, now = Date.now()): SealedBatch {
  const batchId = randomUUID();
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad(2, tenant, batchId));
  const plain = deflateRawSync(postsJson(posts), { level: 1 });
  const data = Buffer.concat([cipher.update(plain), cipher.final()]);
  return {
    v: 2,
    tenant,
    batchId,
    count: posts.length,
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
    sealedAt: now,
  };
}

export function unseal(batch: SealedBatch, key: Buffer): Post[] {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(batch.iv, 'base64'));
    decipher.setAAD(aad(batch.v, batch.tenant, batch.batchId));
    decipher.setAuthTag(Buffer.from(batch.tag, 'base64'));
    const opened = Buffer.concat([decipher.update(Buffer.from(batch.data, 'base64')), decipher.final()]);
    const json = batch.v === 1 ? opened : inflateRawSync(opened);
    return JSON.parse(json.toString('utf8')) as Post[];
  } catch {
    throw new SealError('batch could not be unsealed (wrong key, or tampered ciphertext)');
  }
}
