import { z } from 'zod';
import { Criticality, Id, MemberStateCode } from './primitives.js';
import { Certification } from './entities.js';
import { SEGMENT_IDS } from './entities.js';

const Share = z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1');

/**
 * A member state's rule set, as versioned data. Fields left out fall back to the EU baseline
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
  })
  .strict();
export type Policy = z.infer<typeof Policy>;
export type PolicyInput = z.input<typeof Policy>;
