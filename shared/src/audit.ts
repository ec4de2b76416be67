import { z } from 'zod';

/**
 * One entry of a tenant's audit log. `hash` = sha256(prev + "\n" + JSON of the other
 * fields in this order); `prev` is the hash of the entry before ("" for the first), so a
 * changed or deleted entry breaks the chain.
 */
export const AuditEntrySchema = z.object({
  seq: z.number().int().positive(),
  at: z.number(),
  actor: z.string(),
  action: z.string(),
  target: z.string().nullable(),
  detail: z.record(z.union([z.string(), z.number(), z.boolean(), z.null()])).nullable(),
  prev: z.string(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/**
 * The result of checking a chain: `entries` counts the whole chain, `archived` of them were
 * moved out of Redis into archive files; or the first entry at fault.
 */
export type AuditVerify =
  | { ok: true; entries: number; archived: number; head: string }
  | { ok: false; seq: number; reason: string };
