import { resolve } from 'node:path';

/**
 * `ingest/payloads`: synthetic payloads in each platform's wire format, written for the
 * connectors' and mappers' tests (see its README: sources, no real person's content).
 */
export const SAMPLES = resolve(import.meta.dirname, '..', 'payloads');

/**
 * `../shared/samples`: real recorded payloads, beside the project in CI only (a clone has
 * none). Used, when present, as an extra check of the mappers against real wire format.
 */
export const RECORDED_SAMPLES = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'samples');
