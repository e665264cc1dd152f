import type { Schemas } from '../../api/client';
import type { Explanation } from '../../components/ExplainPanel';

/*
 * The answers of the supplier, profile, control, origins, designation-history and policy routes that
 * the OpenAPI document describes loosely (an object with any fields): the fields read here, as the
 * server writes them in camelCase. Their sources: src/domain/profile.ts (profiles), src/engine/control
 * (control), src/services/ownership-in-scope.ts (origins), src/engine/profile-diff.ts and
 * src/store/designation-history.ts (diffs), src/engine/policy-diff.ts (policy diff).
 */

export type Designation = Schemas['Designation'];
export type Supplier = Schemas['Supplier'];
export type Product = Schemas['Product'];

export interface Evidence {
  text: string;
  url?: string;
  documentSha256?: string;
}
export interface Score {
  criterion: string;
  score: number;
  evidence: Evidence[];
  suggested?: { score: number; source: string; explanation: string; decision: 'confirmed' | 'overridden'; overrideReason?: string };
}
export interface ProfileVersion {
  profile: { profileId: string; supplierId: string; memberState: string; version: number; assessor: string; assessedOn: string; note?: string; scores: Score[] };
  level: string;
  ruleId: string;
  rule?: { description: string };
  recordedAt: string;
  recordedBy: string;
}
export interface Suggestion {
  criterion: string;
  score: number;
  source: string;
  explanation: Explanation;
}
export interface Suggestions {
  supplierId: string;
  memberState: string;
  asOf: string;
  suggestions: Suggestion[];
}
export interface ProfileDiff {
  profileId: string;
  fromVersion: number;
  toVersion: number;
  assessorChanged?: { from: string; to: string };
  scoresChanged: { criterion: string; from: number; to: number }[];
  criteriaAdded: { criterion: string; score: number }[];
  criteriaRemoved: { criterion: string; score: number }[];
  evidenceAdded: { criterion: string; evidence: Evidence }[];
  evidenceRemoved: { criterion: string; evidence: Evidence }[];
  level?: { from: string; to: string; changed: boolean };
}

export interface OwnershipPath {
  chain: string[];
  stakes: number[];
  product: number;
}
export interface ControlLink {
  controllerId: string;
  controlledId: string;
  basis: string;
  votes?: number;
}
export interface Control {
  supplierId: string;
  asOf: string;
  owners: { entityId: string; name: string; kind: string; country?: string; share: number; paths: OwnershipPath[]; explanation: Explanation }[];
  unknownShare: number;
  unresolvedShare: number;
  ultimateControllers: { entityId: string; name: string; kind: string; country?: string; isSubject: boolean; paths: ControlLink[][]; explanation: Explanation }[];
  stateShares: { country: string; share: number; explanation: Explanation }[];
}

export interface Origins {
  productId: string;
  components: number;
  quantity: number;
  byCountry: { country: string; components: number; componentShare: number; quantity: number; quantityShare: number }[];
  sourceAssessedComponents: number;
  singleSourceComponents: { path: string; bomRef?: string; name: string; type: string; source: string; basis: string }[];
  bom: { file: string; specVersion: string; importedAt: string };
  explanation: Explanation;
}

export interface DesignationRevision {
  revision: number;
  change: 'created' | 'amended' | 'revoked';
  designation: Designation;
  changeDate?: string;
  recordedAt: string;
  actor: string;
  source: string;
}
export interface DesignationDiff {
  changes: { field: string; from?: unknown; to?: unknown }[];
}

export interface PolicyVersion {
  memberState: string;
  version: string;
  importedAt: string;
  inForce: boolean;
  policy: Record<string, unknown>;
}
export interface PolicyCheck {
  valid: boolean;
  errors: { path: string; message: string }[];
  warnings: { path: string; message: string }[];
}
export interface PolicyDiff {
  memberState: string;
  from: string;
  to: string;
  changes: { field: string; before?: unknown; after?: unknown; explanation: string }[];
}

/** A date `months` after an ISO day, the last day of a shorter month kept: as the engine's addMonths (src/engine/snapshot.ts). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = total % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(d, lastDay))).toISOString().slice(0, 10);
}

/** A value of a diff, as short text: numbers in the reader's format, lists joined, absence as a dash. */
export const shown = (v: unknown, number: (n: number) => string): string =>
  v === undefined || v === null
    ? '—'
    : typeof v === 'number'
      ? number(v)
      : Array.isArray(v)
        ? v.map((x) => shown(x, number)).join(', ')
        : typeof v === 'object'
          ? JSON.stringify(v)
          : String(v);
