import { UnrecoverableError } from 'bullmq';

/** A failed delivery worth retrying; the message is a code (never a URL or a response body). */
export class DeliveryError extends Error {
  override name = 'DeliveryError';
}

/** A failed delivery that retrying cannot mend (no URL configured, refused for good). */
export const giveUp = (code: string) => new UnrecoverableError(code);

/** The code a failed delivery is recorded under. */
export const failureCode = (err: unknown): string =>
  err instanceof DeliveryError || err instanceof UnrecoverableError ? err.message : 'error';
