import type { SampleTable } from './common.js';

/** Samples for profile versions, suggestions, supply facts and designation history (src/server/routes/supplier-profiles.ts, designation-history.ts). */
export const profileSamples: SampleTable = {};
