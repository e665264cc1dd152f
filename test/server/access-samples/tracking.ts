import type { SampleTable } from './common.js';

/** Samples for implementation writes, funding checks, screening writes, policy checks (src/server/routes/tracking.ts). */
export const trackingSamples: SampleTable = {};
