import { z } from 'zod';
import { CountryCode, Id, IsoDate, MemberStateCode, Quantity, anyCase, list, optional } from './primitives.js';

export const SEGMENT_IDS = [
  'core',
  'ran',
  'transport',
  'management',
  'interconnection',
  'lawful-interception',
  'support',
  'it-cloud',
] as const;
export const SegmentId = z.enum(SEGMENT_IDS);
export type SegmentId = z.infer<typeof SegmentId>;

export const OPERATOR_KINDS = ['mno', 'neutral-host', 'private', 'mvno', 'other'] as const;

export const Operator = z.object({
  operator_id: Id,
  name: z.string().trim().min(1, 'is required'),
  member_state: MemberStateCode,
  kind: anyCase(OPERATOR_KINDS),
  subscribers: optional(z.coerce.number().int('must be a whole number').nonnegative('must not be negative')),
  /** critical services (essential entities, emergency services …) relying on the network: R7's critical-services driver */
  critical_services: optional(z.coerce.number().int('must be a whole number').nonnegative('must not be negative')),
});
export type Operator = z.infer<typeof Operator>;

export const Supplier = z.object({
  supplier_id: Id,
  name: z.string().trim().min(1, 'is required'),
  hq_country: CountryCode,
});
export type Supplier = z.infer<typeof Supplier>;

/** Certification labels as recorded (e.g. NESAS, SCAS, EUCC); compared case-insensitively. */
export const Certification = z.string().trim().min(1).max(64).toUpperCase();

export const Product = z.object({
  product_id: Id,
  supplier_id: Id,
  name: z.string().trim().min(1, 'is required'),
  function: Id,
  certifications: list(Certification),
  end_of_support: optional(IsoDate),
});
export type Product = z.infer<typeof Product>;

export const Asset = z.object({
  asset_id: Id,
  operator_id: Id,
  segment: anyCase(SEGMENT_IDS),
  function: Id,
  supplier_id: Id,
  product_id: optional(Id),
  software_version: optional(z.string().trim().max(128)),
  quantity: Quantity,
  region: optional(z.string().trim().max(128)),
  in_service: optional(IsoDate),
  end_of_support: optional(IsoDate),
});
export type Asset = z.infer<typeof Asset>;

export const DESIGNATION_KINDS = ['high-risk', 'restricted', 'conditional'] as const;
export type DesignationKind = (typeof DESIGNATION_KINDS)[number];
export const DESIGNATION_STATUSES = ['proposed', 'in-force', 'revoked'] as const;
/** A designation scope is a list of segment ids, or `key-assets` for every critical or sensitive asset. */
export const KEY_ASSETS = 'key-assets';
const SCOPE_ITEMS = [...SEGMENT_IDS, KEY_ASSETS] as const;
export const DesignationScopeItem = z.enum(SCOPE_ITEMS);
export type DesignationScopeItemId = z.infer<typeof DesignationScopeItem>;
const ScopeItemAnyCase = anyCase(SCOPE_ITEMS);

const TransitionMonths = z.coerce.number().int('must be a whole number').min(0, 'must not be negative').max(240);

/** The columns of a designation, each checked on its own (the importer's per-field reference). */
const designationFields = {
  designation_id: Id,
  member_state: MemberStateCode,
  supplier_id: Id,
  kind: anyCase(DESIGNATION_KINDS),
  segments: list(ScopeItemAnyCase).refine((a) => a.length > 0, 'must name at least one segment or key-assets'),
  legal_basis: z.string().trim().min(1, 'is required'),
  /** the day the decision was taken; the designation takes effect on effective_date, not before */
  decision_date: optional(IsoDate),
  effective_date: IsoDate,
  transition_months: TransitionMonths,
  status: anyCase(DESIGNATION_STATUSES),
  /** the supplier risk profile version the decision rests on (both or neither) */
  profile_id: optional(Id),
  profile_version: optional(z.coerce.number().int('must be a whole number').min(1, 'must be 1 or more')),
  /** status revoked only: the day it stopped counting (it counted from effective_date up to the day before) */
  revoked_on: optional(IsoDate),
};

export interface DesignationProblem {
  field: string;
  message: string;
}

/**
 * Rules across a designation's fields, shared by the schemas below and the importer's row checks (the
 * importer's fast per-field validators cannot see across fields). Whether the referenced profile
 * version exists, and is about the same supplier, is checked where the profiles are: in the store.
 */
export function designationProblems(d: {
  decision_date?: string | undefined;
  effective_date: string;
  profile_id?: string | undefined;
  profile_version?: number | undefined;
  status?: string | undefined;
  revoked_on?: string | undefined;
}): DesignationProblem[] {
  const out: DesignationProblem[] = [];
  if (d.revoked_on !== undefined && d.status !== undefined && d.status !== 'revoked')
    out.push({ field: 'revoked_on', message: `is only for a revoked designation (status is ${d.status})` });
  if (d.revoked_on !== undefined && d.revoked_on <= d.effective_date)
    out.push({ field: 'revoked_on', message: `${d.revoked_on} is not after the effective date ${d.effective_date}: a designation revoked before it took effect never counted, leave revoked_on out` });
  if (d.decision_date !== undefined && d.decision_date > d.effective_date)
    out.push({ field: 'decision_date', message: `${d.decision_date} is after the effective date ${d.effective_date}: a decision takes effect on or after the day it is taken` });
  if ((d.profile_id === undefined) !== (d.profile_version === undefined))
    out.push({ field: d.profile_id === undefined ? 'profile_id' : 'profile_version', message: 'profile_id and profile_version go together: give both or neither' });
  return out;
}

const crossFields = (d: Parameters<typeof designationProblems>[0], ctx: z.RefinementCtx) => {
  for (const p of designationProblems(d)) ctx.addIssue({ code: 'custom', path: [p.field], message: p.message });
};

/**
 * One row of a designations file, field by field: transition_months may be left out (the member
 * state's policy default is taken when the row is written). Cross-field rules are designationProblems.
 */
export const DesignationRow = z.object({ ...designationFields, transition_months: optional(TransitionMonths) });
/** A designation as given to a write (CLI, API, import): a row plus the cross-field rules. */
export const DesignationInput = DesignationRow.superRefine(crossFields);
export type DesignationInput = z.infer<typeof DesignationInput>;

/** A designation as stored: transition_months is always a number. */
export const Designation = z.object(designationFields).superRefine(crossFields);
export type Designation = z.infer<typeof Designation>;
