import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import type { SealedBatch } from '../batch';
import type { Post } from '../post';

/** Thrown when a batch cannot be opened; its message never contains batch content. */
export class SealError extends Error {
  override name = 'SealError';
}

/** The tenant and batch id are bound to the ciphertext as associated data. */
const aad = (tenant: string, batchId: string) => Buffer.from(`trendwacht/v1/${tenant}/${batchId}`);

export function seal(posts: Post[], key: Buffer, tenant: string, now = Date.now()): SealedBatch {
  const batchId = randomUUID();
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad(tenant, batchId));
  const data = Buffer.concat([cipher.update(JSON.stringify(posts), 'utf8'), cipher.final()]);
  return {
    v: 1,
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
    decipher.setAAD(aad(batch.tenant, batch.batchId));
    decipher.setAuthTag(Buffer.from(batch.tag, 'base64'));
    const plain = Buffer.concat([decipher.update(Buffer.from(batch.data, 'base64')), decipher.final()]);
    return JSON.parse(plain.toString('utf8')) as Post[];
  } catch {
    throw new SealError('batch could not be unsealed (wrong key, or tampered ciphertext)');
  }
}
