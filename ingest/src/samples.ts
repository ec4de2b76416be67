import { resolve } from 'node:path';

/** `../shared/samples`: recorded wire-format payloads for the connectors' tests. */
export const SAMPLES = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'samples');
