import { z } from 'zod';
import { Criticality, Id, IsoDate, MemberStateCode } from './primitives.js';
import { Certification } from './entities.js';
import { DESIGNATION_KINDS, DesignationScopeItem, SEGMENT_IDS } from './entities.js';
import { ResultLevelRule } from './profile.js';

const Share = z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1');

/**
 * A cap on designated suppliers: within `scope` (each operator, or the member state as a whole), the
 * suppliers designated with one of `designation_kinds` together hold at most `max_share` of `segment`
 * (by quantity), e.g. at most 35 % of each operator's RAN.
 */
export const SupplierCap = z
  .object({
    cap_id: Id,
    segment: z.enum(SEGMENT_IDS),
    scope: z.enum(['operator', 'member-state']),
    designation_kinds: z.array(z.enum(DESIGNATION_KINDS)).min(1, 'must name at least one designation kind'),
    max_share: Share,
    /** the day the cap starts to apply; before it the cap is reported as upcoming, not breached */
    from: IsoDate.optional(),
  })
  .strict();
export type SupplierCap = z.infer<typeof SupplierCap>;

/**
 * A member state's rule set, as versioned data. Fields left out fall back to the secure5g default (not an EU rule)
 * (see src/catalog/baseline-policy.ts), so a national policy only states where it differs.
 */
export const Policy = z
  .object({
    member_state: MemberStateCode,
    version: z.string().trim().min(1).max(64),
    thresholds: z
      .object({
        /** SM05: an operator's segment is flagged when its top supplier's share exceeds this. */
        operator_top_supplier_share: Share.optional(),
        /** SM06: a national segment is flagged when its HHI (0–10,000) exceeds this. */
        national_hhi: z.number().min(0).max(10_000).optional(),
      })
      .strict()
      .default({}),
    criticality_overrides: z
      .array(
        z
          .object({
            segment: z.enum(SEGMENT_IDS).optional(),
            function: Id.optional(),
            criticality: Criticality,
          })
          .strict()
          .refine((o) => o.segment !== undefined || o.function !== undefined, 'names neither a segment nor a function'),
      )
      .default([]),
    required_certifications: z.partialRecord(z.enum(SEGMENT_IDS), z.array(Certification)).default({}),
    default_transition_months: z.number().int().min(0).max(240).optional(),
    /** per designation kind, the scope it restricts when a decision states none (see EffectivePolicy) */
    restriction_scopes: z.partialRecord(z.enum(DESIGNATION_KINDS), z.array(DesignationScopeItem).min(1)).optional(),
    caps: z.array(SupplierCap).optional(),
    profile_rule: ResultLevelRule.optional(),
  })
  .strict();
export type Policy = z.infer<typeof Policy>;
export type PolicyInput = z.input<typeof Policy>;
