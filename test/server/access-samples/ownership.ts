import type { SampleTable } from './common.js';

/** Samples for ownership and control, BOMs and origins (src/server/routes/ownership.ts). */
export const ownershipSamples: SampleTable = {};
