import { UnrecoverableError } from 'bullmq';

/**
 * Errors that end up in a BullMQ failure record. BullMQ stores the message and the stack
 * of whatever a processor throws, so these carry a code only: never post content.
 */
export const JOB_ERRORS = {
  invalid_batch: 'the job data is not a sealed batch',
  tenant_mismatch: 'the batch belongs to another tenant than this queue',
  unseal_failed: 'the batch could not be unsealed (wrong TRENDWACHT_SEAL_KEY or tampered data)',
  apply_failed: 'the aggregates could not be applied (Redis error); will retry',
} as const;
export type JobErrorCode = keyof typeof JOB_ERRORS;

export function jobError(code: JobErrorCode, detail?: string): Error {
  const message = `${code}: ${JOB_ERRORS[code]}${detail ? ` (${detail})` : ''}`;
  // Bad data never becomes good on retry; Redis trouble may.
  const err = code === 'apply_failed' ? new Error(message) : new UnrecoverableError(message);
  err.stack = `${err.name}: ${message}`;
  return err;
}
