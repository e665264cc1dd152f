import { z } from 'zod';
import { CountryCode, Id, IsoDate, MemberStateCode, Quantity, list, optional } from './primitives.js';

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
  kind: z.enum(OPERATOR_KINDS),
  subscribers: optional(z.coerce.number().int('must be a whole number').nonnegative('must not be negative')),
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
  segment: z.enum(SEGMENT_IDS),
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
export const DesignationScopeItem = z.enum([...SEGMENT_IDS, KEY_ASSETS]);
export type DesignationScopeItemId = z.infer<typeof DesignationScopeItem>;

export const Designation = z.object({
  designation_id: Id,
  member_state: MemberStateCode,
  supplier_id: Id,
  kind: z.enum(DESIGNATION_KINDS),
  segments: list(DesignationScopeItem).refine((a) => a.length > 0, 'must name at least one segment or key-assets'),
  legal_basis: z.string().trim().min(1, 'is required'),
  effective_date: IsoDate,
  transition_months: z.coerce.number().int('must be a whole number').min(0, 'must not be negative').max(240),
  status: z.enum(DESIGNATION_STATUSES),
});
export type Designation = z.infer<typeof Designation>;
