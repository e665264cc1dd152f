import type { Persona } from '../helpers.js';

/*
 * The access matrix's samples, one harmless request per route, split by resource so each module's
 * routes keep their samples beside each other. access-matrix.test.ts merges them and fails on any route
 * without one.
 */

/** each persona's own rows, to ask for in-scope single items */
export const HOME: Record<string, { operator: string; asset: string; designation: string; ms: string }> = {
  admin: { operator: 'OP-DE-1', asset: 'DE1-RAN-A', designation: 'D-DE-1', ms: 'DE' },
  auditor: { operator: 'OP-FR-1', asset: 'FR1-RAN-B', designation: 'D-FR-1', ms: 'FR' },
  'authority-de': { operator: 'OP-DE-2', asset: 'DE2-SEPP', designation: 'D-DE-1', ms: 'DE' },
  'authority-fr': { operator: 'OP-FR-1', asset: 'FR1-RAN-B', designation: 'D-FR-1', ms: 'FR' },
  'operator-de1': { operator: 'OP-DE-1', asset: 'DE1-AMF', designation: 'D-DE-1', ms: 'DE' },
  'operator-fr1': { operator: 'OP-FR-1', asset: 'FR1-RAN-B', designation: 'D-FR-1', ms: 'FR' },
  union: { operator: 'OP-DE-1', asset: 'DE1-RAN-A', designation: 'D-DE-1', ms: 'DE' },
  'auditor-de': { operator: 'OP-DE-1', asset: 'DE1-RAN-A', designation: 'D-DE-1', ms: 'DE' },
  'auditor-de1': { operator: 'OP-DE-1', asset: 'DE1-AMF', designation: 'D-DE-1', ms: 'DE' },
};

/**
 * Strings that identify rows each persona must never see (test/fixtures/import, by hand): operator ids
 * and names, asset ids and designation ids of the other scopes. Whole-instance personas have none.
 */
export const FOREIGN: Record<string, string[]> = {
  'authority-de': ['OP-FR-1', 'FR1-RAN-B', 'Azur', 'D-FR-1'],
  'authority-fr': ['OP-DE-1', 'OP-DE-2', 'DE1-RAN-A', 'DE1-RAN-B', 'DE1-AMF', 'DE2-SEPP', 'D-DE-1', 'Rheinwelle', 'Spreenetz'],
  'operator-fr1': ['OP-DE-1', 'OP-DE-2', 'DE1-RAN-A', 'DE1-RAN-B', 'DE1-AMF', 'DE2-SEPP', 'D-DE-1', 'Rheinwelle', 'Spreenetz'],
  // and DE's confidential registers: the profile and screening cases authority-de's samples record before
  'operator-de1': ['OP-DE-2', 'DE2-SEPP', 'Spreenetz', 'OP-FR-1', 'FR1-RAN-B', 'Azur', 'D-FR-1', 'PRF-T-authority-de', 'FDI-M-authority-de', 'FDI-U-authority-de'],
  'auditor-de': ['OP-FR-1', 'FR1-RAN-B', 'Azur', 'D-FR-1'],
  'auditor-de1': ['OP-DE-2', 'DE2-SEPP', 'Spreenetz', 'OP-FR-1', 'FR1-RAN-B', 'Azur', 'D-FR-1', 'PRF-T-authority-de', 'FDI-M-authority-de', 'FDI-U-authority-de'],
  union: ['OP-DE-1', 'OP-DE-2', 'OP-FR-1', 'DE1-RAN-A', 'DE1-RAN-B', 'DE1-AMF', 'DE2-SEPP', 'FR1-RAN-B', 'D-DE-1', 'D-FR-1', 'Rheinwelle', 'Spreenetz', 'Azur'],
};

export interface Sample {
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
  /** what an allowed caller gets for this harmless request, when not 200 */
  allowedStatus?: number[];
}

export type Home = (typeof HOME)[string];
export type SampleTable = Record<string, (p: Persona, h: Home) => Sample>;
