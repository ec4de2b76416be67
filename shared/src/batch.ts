import { z } from 'zod';

/**
 * A batch of posts as it waits in the queue: AES-256-GCM ciphertext only.
 * The key lives in ingest and worker processes, never in Redis.
 */
export const SealedBatchSchema = z.object({
  /** 1: ciphertext of the JSON; 2: of the JSON deflated (raw). Both are read (seal.ts). */
  v: z.union([z.literal(1), z.literal(2)]),
  tenant: z.string().min(1),
  batchId: z.string().uuid(),
  count: z.number().int().positive(),
  /** base64 12-byte nonce */
  iv: z.string().min(1),
  /** base64 16-byte GCM tag */
  tag: z.string().min(1),
  /** base64 ciphertext of the JSON array of posts (v2: deflated first) */
  data: z.string().min(1),
  /** epoch ms when ingest sealed the batch (for latency figures) */
  sealedAt: z.number().int(),
});
export type SealedBatch = z.infer<typeof SealedBatchSchema>;
