import { z } from 'zod';
import { Id, IsoDate, MemberStateCode } from './primitives.js';
import { ScoreValue } from './profile.js';

/**
 * Facts about a supplier's ability to supply, recorded by an assessing authority (member_state) for
 * its profile work: how many critical components come from a single source, whether the supplier is
 * exposed to export controls, and a note on its financial stability with a graded concern 0–4. Records
 * are appended, never edited; each states the facts known on `recorded_on`, and a fact left out is
 * "not stated here" (an earlier record's value still counts).
 */
export const SupplyFactsRecord = z
  .object({
    supplier_id: Id,
    member_state: MemberStateCode,
    single_source_critical_components: z.number().int('must be a whole number').min(0, 'must not be negative').optional(),
    export_control_exposure: z.boolean().optional(),
    financial_stability_note: z.string().trim().min(1, 'is required').optional(),
    financial_stability_concern: ScoreValue.optional(),
    source: z.string().trim().min(1, 'is required'),
    recorded_on: IsoDate,
  })
  .strict()
  .superRefine((f, ctx) => {
    if (f.financial_stability_concern !== undefined && f.financial_stability_note === undefined)
      ctx.addIssue({ code: 'custom', path: ['financial_stability_note'], message: 'a graded concern needs the note it grades' });
    if (f.single_source_critical_components === undefined && f.export_control_exposure === undefined && f.financial_stability_note === undefined)
      ctx.addIssue({ code: 'custom', path: [], message: 'states no fact: give single-source critical components, export-control exposure or a financial-stability note' });
  });
export type SupplyFactsRecord = z.infer<typeof SupplyFactsRecord>;
export type SupplyFactsInput = z.input<typeof SupplyFactsRecord>;
