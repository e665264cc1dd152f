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
